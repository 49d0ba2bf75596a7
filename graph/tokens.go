package graph

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// Token is a named access token as stored: never the token itself, only
// its hash (TokenHash), so a copy of the store gives nobody access.
type Token struct {
	Name    string
	Role    Role
	Created string
}

// TokenStore keeps the named tokens of people.
type TokenStore interface {
	// AddToken stores a token by its hash; a name in use is CodeInvalid.
	AddToken(ctx context.Context, t Token, hash string) error
	// Tokens lists the tokens by name.
	Tokens(ctx context.Context) ([]Token, error)
	// RevokeToken removes a token; an unknown name is CodeNotFound.
	RevokeToken(ctx context.Context, name string) error
	// TokenByHash finds the token with this hash.
	TokenByHash(ctx context.Context, hash string) (Token, bool, error)
}

// NewToken returns a new random token: "ag_" and 32 random bytes.
func NewToken() string {
	b := make([]byte, 32)
	_, _ = rand.Read(b) // crypto/rand.Read never fails (Go 1.24+)
	return "ag_" + base64.RawURLEncoding.EncodeToString(b)
}

// TokenHash is what is stored of a token. Tokens are 256 random bits, so a
// plain SHA-256 cannot be reversed by guessing (a password would need a slow
// hash; a random token does not).
func TokenHash(token string) string {
	sum := sha256.Sum256([]byte(token))
	return hex.EncodeToString(sum[:])
}

// ValidTokenName checks a token's name: it signs every change, so it is a
// short, printable word.
func ValidTokenName(name string) error {
	if name == "" || len(name) > 64 {
		return Invalidf("a token name is 1 to 64 characters")
	}
	if name == "local" {
		return Invalidf("%q is the name of the desktop user without tokens; choose another", name)
	}
	if strings.IndexFunc(name, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '-' || r == '_' || r == '.' || r == '@')
	}) >= 0 {
		return Invalidf("token name %q: use letters, digits, '-', '_', '.' and '@'", name)
	}
	return nil
}
