// GraphiQL against this server's /graphql, bundled with everything it needs
// so that it works offline and under the server's Content-Security-Policy
// (default-src 'self': no CDN, no inline script). No JSX: one createElement
// call is all the page needs.
import { createElement } from "react";
import { createRoot } from "react-dom/client";
import { GraphiQL } from "graphiql";
import { createGraphiQLFetcher } from "@graphiql/toolkit";
import "graphiql/graphiql.css";
import "./offline.css";

const fetcher = createGraphiQLFetcher({ url: new URL("/graphql", window.location.href).href });

// A first query that shows the graph's provenance model; the editor keeps
// whatever the user types next (GraphiQL stores it in localStorage).
const defaultQuery = `# actorgraph: every relation is a claim that cites its sentence.
# Ctrl-Enter runs the query; the Docs button shows every type and field.
query BlamesRussiaByYear {
  claimCounts(where: {types: [BLAMES], to: ["country:RU"], includeParts: true}, groupBy: [YEAR]) {
    groups { year count }
  }
}
`;

createRoot(document.getElementById("graphiql")).render(
  createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: false }),
);
