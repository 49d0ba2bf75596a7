package graph

// Doc describes a node kind in a sentence, for the API's documentation
// (schema/vocabulary.graphqls is generated from it).
func (k NodeKind) Doc() string {
	switch k {
	case KindCountry:
		return "a state, from the ISO 3166 reference list; its id is country: and its alpha-2 code"
	case KindPerson:
		return "a person, usually an official"
	case KindOrganization:
		return "an organization: alliance, international organization, government body, legislature, military, agency, company, media, academic or threat group"
	case KindCyberOperation:
		return "a cyber operation (an attack, a campaign, an intrusion)"
	case KindEvent:
		return "an event (a meeting, an election, a summit), itself a claim with evidence"
	case KindDoctrine:
		return "a doctrine, initiative, framework, norm, executive order or law"
	case KindStatement:
		return "a statement (a quote or reported speech), itself a claim with evidence"
	case KindAttribution:
		return "an attribution of an operation to an actor, itself a claim with evidence"
	}
	return ""
}
