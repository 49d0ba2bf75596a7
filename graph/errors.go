package graph

import (
	"errors"
	"fmt"
)

// Code classifies an error so that callers (the API, the CLI) can react to it
// without parsing messages.
type Code string

// The error codes.
const (
	// CodeInvalid: the input breaks a rule (unknown kind, forbidden endpoint,
	// missing evidence, a quote that is not in its document, ...).
	CodeInvalid Code = "invalid"
	// CodeNotFound: a named thing does not exist.
	CodeNotFound Code = "not_found"
	// CodeConflict: the input contradicts what is stored (an id reused with
	// another kind, a document id whose text differs).
	CodeConflict Code = "conflict"
	// CodeForbidden: the caller may not do this (a reader changing the
	// graph, a read-only server).
	CodeForbidden Code = "forbidden"
	// CodeInternal: anything else; the message is safe to log, not to show.
	CodeInternal Code = "internal"
)

// Error is the error type of the domain. Test for it with errors.As, or for a
// code with HasCode.
type Error struct {
	Code Code
	// Msg is a plain-English reason, safe to show to a user.
	Msg string
	// Err is the underlying cause, if any; never shown to API users.
	Err error
}

func (e *Error) Error() string {
	if e.Err != nil {
		return e.Msg + ": " + e.Err.Error()
	}
	return e.Msg
}

func (e *Error) Unwrap() error { return e.Err }

// Invalidf returns a CodeInvalid error.
func Invalidf(format string, args ...any) error {
	return &Error{Code: CodeInvalid, Msg: fmt.Sprintf(format, args...)}
}

// NotFoundf returns a CodeNotFound error.
func NotFoundf(format string, args ...any) error {
	return &Error{Code: CodeNotFound, Msg: fmt.Sprintf(format, args...)}
}

// Conflictf returns a CodeConflict error.
func Conflictf(format string, args ...any) error {
	return &Error{Code: CodeConflict, Msg: fmt.Sprintf(format, args...)}
}

// Forbiddenf returns a CodeForbidden error.
func Forbiddenf(format string, args ...any) error {
	return &Error{Code: CodeForbidden, Msg: fmt.Sprintf(format, args...)}
}

// Internal wraps err as a CodeInternal error with a short description of what
// was being done.
func Internal(doing string, err error) error {
	return &Error{Code: CodeInternal, Msg: doing, Err: err}
}

// CodeOf returns the code of the first *Error in err's chain, CodeInternal if
// there is none, and "" for a nil error.
func CodeOf(err error) Code {
	if err == nil {
		return ""
	}
	var e *Error
	if errors.As(err, &e) {
		return e.Code
	}
	return CodeInternal
}

// HasCode reports whether err carries the given code.
func HasCode(err error, c Code) bool { return err != nil && CodeOf(err) == c }
