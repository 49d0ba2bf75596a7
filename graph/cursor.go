package graph

import "encoding/base64"

// Pages are keyset pages ordered by id: a cursor is the id of the last item
// seen, encoded so callers treat it as opaque. Every store uses these two
// functions, so the API can make a cursor for any item (one per edge of a
// connection) and any store accepts it.

// EncodeCursor returns the cursor that continues after the item with id.
func EncodeCursor(id string) string { return base64.RawURLEncoding.EncodeToString([]byte(id)) }

// DecodeCursor returns the id a cursor continues after; "" for the empty
// cursor. A cursor no store gave out is CodeInvalid.
func DecodeCursor(c string) (string, error) {
	if c == "" {
		return "", nil
	}
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil {
		return "", Invalidf("cursor %q is not one this API gave out", c)
	}
	return string(b), nil
}
