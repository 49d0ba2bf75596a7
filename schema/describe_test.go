package schema_test

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/vektah/gqlparser/v2"
	"github.com/vektah/gqlparser/v2/ast"
)

// Every type, field, argument, input field, enum value and directive of the
// schema has a description, so GraphiQL's documentation explorer and the types
// graphql-codegen writes explain everything. The test lists what lacks one.
func TestEverythingIsDescribed(t *testing.T) {
	s := loadSchemaFiles(t)
	var missing []string
	lacks := func(desc, what string) {
		if strings.TrimSpace(desc) == "" {
			missing = append(missing, what)
		}
	}
	for name, def := range s.Types {
		if def.BuiltIn || strings.HasPrefix(name, "__") {
			continue
		}
		lacks(def.Description, name)
		for _, f := range def.Fields {
			if strings.HasPrefix(f.Name, "__") { // gqlgen's introspection fields
				continue
			}
			lacks(f.Description, name+"."+f.Name)
			for _, a := range f.Arguments {
				lacks(a.Description, name+"."+f.Name+"("+a.Name+")")
			}
		}
		for _, v := range def.EnumValues {
			lacks(v.Description, name+"."+v.Name)
		}
	}
	for name, d := range s.Directives {
		if d.Position != nil && d.Position.Src != nil && d.Position.Src.BuiltIn {
			continue
		}
		lacks(d.Description, "@"+name)
		for _, a := range d.Arguments {
			lacks(a.Description, "@"+name+"("+a.Name+")")
		}
	}
	sort.Strings(missing)
	if len(missing) > 0 {
		t.Errorf("%d schema elements lack a description:\n%s", len(missing), strings.Join(missing, "\n"))
	}
}

// Every enum value of the schema is spelled in SCREAMING_CASE, as GraphQL
// recommends and clients expect (COUNTRY, CYBER_OPERATION, ASSERTED, not
// Country or asserted). The test lists every value spelled otherwise.
func TestEnumValuesAreScreamingCase(t *testing.T) {
	s := loadSchemaFiles(t)
	screaming := regexp.MustCompile(`^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$`)
	var wrong []string
	enums := 0
	for name, def := range s.Types {
		if def.BuiltIn || strings.HasPrefix(name, "__") || def.Kind != ast.Enum {
			continue
		}
		enums++
		for _, v := range def.EnumValues {
			if !screaming.MatchString(v.Name) {
				wrong = append(wrong, name+"."+v.Name)
			}
		}
	}
	if enums < 8 {
		t.Fatalf("found %d enums: is the schema loaded?", enums)
	}
	sort.Strings(wrong)
	if len(wrong) > 0 {
		t.Errorf("%d enum values are not in SCREAMING_CASE:\n%s", len(wrong), strings.Join(wrong, "\n"))
	}
}

// loadSchemaFiles parses every *.graphqls of the schema directory.
func loadSchemaFiles(t *testing.T) *ast.Schema {
	t.Helper()
	files, _ := filepath.Glob("*.graphqls")
	if len(files) < 5 {
		t.Fatalf("found %d schema files (%v): is the test run from schema/?", len(files), files)
	}
	var sources []*ast.Source
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		sources = append(sources, &ast.Source{Name: f, Input: string(b)})
	}
	s, err := gqlparser.LoadSchema(sources...)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
