package schema

import (
	"bytes"
	"context"
	"io"
	"math"
	"strconv"
	"sync/atomic"

	"github.com/99designs/gqlgen/graphql"
	"github.com/vektah/gqlparser/v2/ast"
)

// The lists of a neighbourhood or a path (Subgraph.nodes and .relations,
// Path.nodes and .relations) are held in memory whole when they are
// marshalled, but gqlgen's generated code marshals them as it marshals
// anything: a goroutine per list element, and per field a field context, a
// context value, a resolver closure and boxed results. For the API's
// largest answers (a 2-hop neighbourhood of 100 nodes and hundreds of
// relations) that cost several times the store's work.
//
// fastLists is a field middleware that writes those lists itself when
// every field selected in them is read straight from the model: scalars,
// enums, a relation's properties and its from and to ends. It collects the
// fields with gqlgen's own CollectFields (so fragments, aliases, @skip and
// @include mean what they mean elsewhere) and writes values with gqlgen's
// own scalar marshallers, in the order gqlgen would: the bytes are the same
// (TestFastListsMatchGenerated compares them). Any other selection (a
// relation's evidence, a node's relations, a typed field, @defer), or an end
// that fails to resolve, falls back to the generated code, unchanged.
func fastLists(ctx context.Context, next graphql.Resolver) (any, error) {
	fc := graphql.GetFieldContext(ctx)
	if fc == nil || (fc.Object != "Subgraph" && fc.Object != "Path") {
		return next(ctx)
	}
	res, err := next(ctx)
	if err != nil {
		return res, err
	}
	oc := graphql.GetOperationContext(ctx)
	w := &listWriter{oc: oc}
	switch v := res.(type) {
	case []Node:
		w.nodes(fc.Field.Selections, v)
	case []Relation:
		w.relations(fc.Field.Selections, v)
	default:
		return res, nil
	}
	if w.fail {
		return res, nil
	}
	fastListsWritten.Add(1)
	out := w.buf.Bytes()
	return graphql.WriterFunc(func(dst io.Writer) { dst.Write(out) }), nil
}

// fastListsWritten counts the lists written here, for the test that keeps
// the fast path from silently falling back for everything.
var fastListsWritten atomic.Int64

// listWriter writes one list; fail says a selection it cannot write was
// met, and the caller falls back.
type listWriter struct {
	oc   *graphql.OperationContext
	buf  bytes.Buffer
	fail bool
	// fields caches the collected fields of a selection set per concrete
	// type: every element of a list is asked the same.
	fields map[fieldsKey][]graphql.CollectedField
}

type fieldsKey struct {
	sel *ast.SelectionSet
	typ string
}

var relationSatisfies = []string{"Relation"}

func (w *listWriter) collect(sel *ast.SelectionSet, typ string, satisfies []string) []graphql.CollectedField {
	if w.fields == nil {
		w.fields = map[fieldsKey][]graphql.CollectedField{}
	}
	k := fieldsKey{sel, typ}
	fs, ok := w.fields[k]
	if !ok {
		fs = graphql.CollectFields(w.oc, *sel, satisfies)
		for _, f := range fs {
			if len(f.Deferrables) > 0 {
				w.fail = true
			}
		}
		w.fields[k] = fs
	}
	return fs
}

// sizeFor grows the buffer, once the first of n elements is written,
// for the rest at that size and a quarter: elements of a list are much
// alike, and growing by doubling would copy the whole list several times.
func (w *listWriter) sizeFor(n, first int) {
	if n > 1 {
		w.buf.Grow((n - 1) * (first + first/4))
	}
}

func (w *listWriter) nodes(sel ast.SelectionSet, ns []Node) {
	w.buf.WriteByte('[')
	for i, n := range ns {
		if w.fail {
			return
		}
		if i > 0 {
			w.buf.WriteByte(',')
		}
		w.node(&sel, n)
		if i == 0 {
			w.sizeFor(len(ns), w.buf.Len())
		}
	}
	w.buf.WriteByte(']')
}

func (w *listWriter) relations(sel ast.SelectionSet, rs []Relation) {
	w.buf.WriteByte('[')
	for i := range rs {
		if w.fail {
			return
		}
		if i > 0 {
			w.buf.WriteByte(',')
		}
		w.relation(&sel, &rs[i])
		if i == 0 {
			w.sizeFor(len(rs), w.buf.Len())
		}
	}
	w.buf.WriteByte(']')
}

// object writes the collected fields of one object, each by value, and
// skips an alias written already, as gqlgen's field sets do.
func (w *listWriter) object(fs []graphql.CollectedField, value func(f *graphql.CollectedField)) {
	w.buf.WriteByte('{')
	for i := range fs {
		dup := false
		for j := range i {
			dup = dup || fs[j].Alias == fs[i].Alias
		}
		if dup {
			continue
		}
		if i > 0 {
			w.buf.WriteByte(',')
		}
		w.str(fs[i].Alias)
		w.buf.WriteByte(':')
		value(&fs[i])
		if w.fail {
			return
		}
	}
	w.buf.WriteByte('}')
}

func (w *listWriter) relation(sel *ast.SelectionSet, r *Relation) {
	fs := w.collect(sel, "Relation", relationSatisfies)
	w.object(fs, func(f *graphql.CollectedField) {
		switch f.Name {
		case "__typename":
			w.str("Relation")
		case "id":
			w.str(r.ID) // graphql.MarshalID writes an ID as a string
		case "type":
			w.enum(string(r.Type), r.Type)
		case "confidence":
			w.float(r.Confidence)
		case "method":
			w.str(r.Method)
		case "modality":
			w.enum(r.Modality.API(), r.Modality)
		case "date":
			w.optStr(r.Date)
		case "published":
			w.optStr(r.Published)
		case "properties":
			w.buf.WriteByte('[')
			for i, p := range r.Properties() {
				if i > 0 {
					w.buf.WriteByte(',')
				}
				w.object(w.collect(&f.Selections, "Property", []string{"Property"}), func(pf *graphql.CollectedField) {
					switch pf.Name {
					case "__typename":
						w.str("Property")
					case "key":
						w.str(p.Key)
					case "value":
						w.str(p.Value)
					default:
						w.fail = true
					}
				})
			}
			w.buf.WriteByte(']')
		case "from", "to":
			end, err := r.FromNode()
			if f.Name == "to" {
				end, err = r.ToNode()
			}
			if err != nil || end == nil {
				// The generated code reports the error at its path.
				w.fail = true
				return
			}
			w.node(&f.Selections, end)
		default:
			w.fail = true
		}
	})
}

func (w *listWriter) node(sel *ast.SelectionSet, n Node) {
	typ, b := nodeType(n)
	if typ == "" {
		w.fail = true
		return
	}
	fs := w.collect(sel, typ, []string{typ, "Node"})
	w.object(fs, func(f *graphql.CollectedField) {
		switch f.Name {
		case "__typename":
			w.str(typ)
		case "id":
			w.str(b.ID)
		case "kind":
			w.enum(b.Kind.API(), b.Kind)
		case "name":
			w.str(b.Name)
		case "aliases":
			w.buf.WriteByte('[')
			for i, a := range b.Aliases {
				if i > 0 {
					w.buf.WriteByte(',')
				}
				w.str(a)
			}
			w.buf.WriteByte(']')
		case "source":
			// The model's Source is a plain string: the generated code
			// writes "" for none, not null.
			w.str(b.Source)
		default:
			w.kindField(n, f.Name)
		}
	})
}

// kindField writes the fields one node type reads from its properties.
func (w *listWriter) kindField(n Node, name string) {
	switch n := n.(type) {
	case Country:
		if name == "code" {
			w.str(n.Code())
			return
		}
	case Organization:
		if name == "organizationKind" {
			w.optStr(n.OrganizationKind())
			return
		}
	case CyberOperation:
		if name == "date" {
			w.optStr(n.Date())
			return
		}
	case Event:
		switch name {
		case "date":
			w.optStr(n.Date())
			return
		case "location":
			w.optStr(n.Location())
			return
		}
	case Doctrine:
		switch name {
		case "doctrineKind":
			w.optStr(n.DoctrineKind())
			return
		case "description":
			w.optStr(n.Description())
			return
		case "date":
			w.optStr(n.Date())
			return
		}
	case Statement:
		switch name {
		case "text":
			w.str(n.Text())
			return
		case "date":
			w.optStr(n.Date())
			return
		}
	case Attribution:
		switch name {
		case "date":
			w.optStr(n.Date())
			return
		case "modality":
			m := n.Modality()
			w.enum(m.API(), m)
			return
		case "basis":
			w.optStr(n.Basis())
			return
		}
	}
	w.fail = true
}

// nodeType names the GraphQL type of n; "" for a type it does not know.
func nodeType(n Node) (string, nodeBase) {
	switch n := n.(type) {
	case Country:
		return "Country", n.nodeBase
	case Person:
		return "Person", n.nodeBase
	case Organization:
		return "Organization", n.nodeBase
	case CyberOperation:
		return "CyberOperation", n.nodeBase
	case Event:
		return "Event", n.nodeBase
	case Doctrine:
		return "Doctrine", n.nodeBase
	case Statement:
		return "Statement", n.nodeBase
	case Attribution:
		return "Attribution", n.nodeBase
	}
	return "", nodeBase{}
}

// str writes s as graphql.MarshalString does. That escapes only control
// characters, backslash and double quote, and writes every other byte as
// it is; a string without them is written here without the marshaller's
// allocation.
func (w *listWriter) str(s string) {
	for i := 0; i < len(s); i++ {
		if c := s[i]; c < 0x20 || c == '\\' || c == '"' {
			graphql.MarshalString(s).MarshalGQL(&w.buf)
			return
		}
	}
	w.buf.WriteByte('"')
	w.buf.WriteString(s)
	w.buf.WriteByte('"')
}

// enum writes an enum value as its generated MarshalGQL does
// (strconv.Quote): a GraphQL name needs no quoting beyond the quotes, so
// only a value that is not one goes through the generated method.
func (w *listWriter) enum(s string, m graphql.Marshaler) {
	if s == "" {
		m.MarshalGQL(&w.buf)
		return
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9') {
			m.MarshalGQL(&w.buf)
			return
		}
	}
	w.buf.WriteByte('"')
	w.buf.WriteString(s)
	w.buf.WriteByte('"')
}

// float writes f as graphql.MarshalFloatContext does (fmt's %g, which is
// strconv's shortest 'g'); NaN and infinities fall back, and the generated
// code reports them.
func (w *listWriter) float(f float64) {
	if math.IsInf(f, 0) || math.IsNaN(f) {
		w.fail = true
		return
	}
	var tmp [32]byte
	w.buf.Write(strconv.AppendFloat(tmp[:0], f, 'g', -1, 64))
}

func (w *listWriter) optStr(s *string) {
	if s == nil {
		graphql.Null.MarshalGQL(&w.buf)
		return
	}
	w.str(*s)
}
