package sqlitestore

import (
	"encoding/json"
	"reflect"
	"testing"
)

// The fast paths for empty lists and maps must give what encoding/json gives:
// empty, not nil (callers and the API tell the two apart).
func TestDecodeFastPathsMatchJSON(t *testing.T) {
	var l []string
	json.Unmarshal([]byte("[]"), &l)
	var m map[string]string
	json.Unmarshal([]byte("{}"), &m)
	if !reflect.DeepEqual(decodeList("[]"), l) || decodeList("[]") == nil {
		t.Fatal("list")
	}
	if !reflect.DeepEqual(decodeMap("{}"), m) || decodeMap("{}") == nil {
		t.Fatal("map")
	}
}
