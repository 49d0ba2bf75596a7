package schema_test

import (
	"bytes"
	"slices"
	"testing"

	"github.com/actorgraph/actorgraph/graph"
	"github.com/actorgraph/actorgraph/schema"
)

// The API spells every node kind and modality in SCREAMING_CASE, the schema's
// enums hold exactly those spellings, and reading a value back gives the
// stores' spelling, so nothing below the schema layer sees the change.
func TestEnumSpellingRoundTrips(t *testing.T) {
	s := loadSchemaFiles(t)
	values := func(enum string) []string {
		var out []string
		for _, v := range s.Types[enum].EnumValues {
			out = append(out, v.Name)
		}
		return out
	}
	want := map[graph.NodeKind]string{graph.KindCountry: "COUNTRY", graph.KindCyberOperation: "CYBER_OPERATION", graph.KindAttribution: "ATTRIBUTION"}
	var kinds []string
	for _, k := range graph.NodeKinds() {
		var b bytes.Buffer
		schema.NodeKind(k).MarshalGQL(&b)
		api := b.String()[1 : b.Len()-1]
		kinds = append(kinds, api)
		if w, ok := want[k]; ok && api != w {
			t.Errorf("kind %s is spelled %s, want %s", k, api, w)
		}
		var back schema.NodeKind
		if err := back.UnmarshalGQL(api); err != nil || graph.NodeKind(back) != k {
			t.Errorf("reading %s gives %q, %v; want %s", api, back, err, k)
		}
	}
	if !slices.Equal(kinds, values("NodeKind")) {
		t.Errorf("the NodeKind enum holds %v, the vocabulary spells %v", values("NodeKind"), kinds)
	}
	var mods []string
	for _, m := range graph.Modalities() {
		var b bytes.Buffer
		schema.Modality(m).MarshalGQL(&b)
		api := b.String()[1 : b.Len()-1]
		mods = append(mods, api)
		var back schema.Modality
		if err := back.UnmarshalGQL(api); err != nil || graph.Modality(back) != m {
			t.Errorf("reading %s gives %q, %v; want %s", api, back, err, m)
		}
	}
	if !slices.Equal(mods, []string{"ASSERTED", "ALLEGED", "DENIED"}) || !slices.Equal(mods, values("Modality")) {
		t.Errorf("modalities are spelled %v; the Modality enum holds %v", mods, values("Modality"))
	}
	var k schema.NodeKind
	if err := k.UnmarshalGQL("Country"); err == nil {
		t.Error("the old spelling Country was read as a kind; the schema no longer holds it")
	}
}
