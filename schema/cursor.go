package schema

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"

	"github.com/actorgraph/actorgraph/graph"
)

// The API's cursors name the list they belong to. A store's cursor is the
// id of the last item seen, base64-encoded: any decodable string passed
// for one, and a cursor of one list (the entities of a kind, the documents,
// the claims of a node) was silently taken by another. An API cursor is
// base64url of "LIST\x00ID\x00CHECK", CHECK being the first 8 bytes of the
// SHA-256 of the rest, in hex: a cursor that is not one this API gave out
// for this very list is BAD_INPUT. (It is not a secret: a client able to
// forge one only names a position in a list it may read anyway.)

// Lists are named by these functions.
func entitiesList(kind *NodeKind) string {
	if kind == nil {
		return "entities"
	}
	return "entities:" + string(*kind)
}

const documentsList = "documents"

func relationsList(node string, dir graph.Direction) string {
	return "relations:" + node + ":" + string(rune('0'+int(dir)))
}

func cursorCheck(body string) string {
	sum := sha256.Sum256([]byte(body))
	return hex.EncodeToString(sum[:8])
}

// listCursor is the cursor that continues list after the item with id.
func listCursor(list, id string) string {
	body := list + "\x00" + id
	return base64.RawURLEncoding.EncodeToString([]byte(body + "\x00" + cursorCheck(body)))
}

// endCursor turns a store's end cursor into the list's; nil when there is
// none.
func endCursor(list, storeCursor string) *string {
	if storeCursor == "" {
		return nil
	}
	id, err := graph.DecodeCursor(storeCursor)
	if err != nil {
		return nil
	}
	c := listCursor(list, id)
	return &c
}

// afterFor checks that after is a cursor of list and returns the store's
// cursor for the same position ("" for none).
func afterFor(list string, after *string) (string, error) {
	if after == nil || *after == "" {
		return "", nil
	}
	raw, err := base64.RawURLEncoding.DecodeString(*after)
	parts := strings.Split(string(raw), "\x00")
	if err != nil || len(parts) != 3 || cursorCheck(parts[0]+"\x00"+parts[1]) != parts[2] {
		return "", graph.Invalidf("cursor %q is not one this API gave out: use a pageInfo.endCursor or an edge's cursor as it came", graph.ClipText(*after, 80))
	}
	if parts[0] != list {
		return "", graph.Invalidf("this cursor belongs to another list (%s): a cursor continues only the list that gave it", parts[0])
	}
	return graph.EncodeCursor(parts[1]), nil
}
