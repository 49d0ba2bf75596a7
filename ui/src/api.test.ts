import { describe, expect, it } from "vitest";
import { Api, ApiError, RELATIONS_PER_QUERY } from "./api";
import { hitDetail, matchedAlias } from "./autocomplete";

function fakeFetch(answer: unknown, seen: { body?: string }[] = [], status = 200) {
  return async (_url: string, init: RequestInit) => {
    seen.push({ body: init.body as string });
    return new Response(JSON.stringify(answer), { status, headers: { "Content-Type": "application/json" } });
  };
}

describe("Api", () => {
  it("sends the query text with variables, never spliced", async () => {
    const seen: { body?: string }[] = [];
    const api = new Api("/graphql", fakeFetch({ data: { search: [] } }, seen));
    await api.search('"} evil { x', 5);
    const body = JSON.parse(seen[0]!.body!) as { query: string; variables: Record<string, unknown> };
    expect(body.variables).toEqual({ q: '"} evil { x', first: 5 });
    expect(body.query).not.toContain("evil");
  });

  it("raises the server's error code", async () => {
    const api = new Api("/graphql", fakeFetch({ errors: [{ message: "too deep", extensions: { code: "LIMIT_EXCEEDED" } }] }));
    await expect(api.search("x")).rejects.toMatchObject({ name: "ApiError", code: "LIMIT_EXCEEDED", message: "too deep" });
  });

  it("fetches many relations in batches of aliased fields", async () => {
    const seen: { body?: string }[] = [];
    const api = new Api("/graphql", async (_u, init) => {
      seen.push({ body: init.body as string });
      const vars = (JSON.parse(init.body as string) as { variables: Record<string, string> }).variables;
      const data: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(vars)) data[k] = v === "claim:missing" ? null : { id: v };
      return new Response(JSON.stringify({ data }));
    });
    const ids = Array.from({ length: 45 }, (_, i) => (i === 3 ? "claim:missing" : `claim:${i}`));
    const out = await api.relations(ids);
    expect(seen.length).toBe(Math.ceil(45 / RELATIONS_PER_QUERY));
    expect(out.length).toBe(45);
    expect(out[3]).toBeNull();
    expect(out[44]).toEqual({ id: "claim:44" });
  });

  it("reports a server that does not answer JSON", async () => {
    const api = new Api("/graphql", async () => new Response("<html>bad gateway</html>", { status: 502 }));
    await expect(api.search("x")).rejects.toBeInstanceOf(ApiError);
  });
});

describe("autocomplete text", () => {
  it("names the alias that matched", () => {
    expect(matchedAlias("sull", ["Sullivan", "John J. Sullivan"])).toBe("Sullivan");
    expect(matchedAlias("j sull", ["Sullivan", "John J. Sullivan"])).toBe("John J. Sullivan");
    expect(matchedAlias("putin", ["Sullivan"])).toBeNull();
  });

  it("describes where a hit matched", () => {
    const node = { id: "person:x", kind: "PERSON" as const, name: "John Sullivan", aliases: ["Sullivan"] };
    expect(hitDetail("Sullivan", { node, score: 1, snippet: null, matched: "alias" })).toBe("Person · alias “Sullivan”");
    expect(hitDetail("Sullivan", { node, score: 1, snippet: "…said Sullivan…", matched: "evidence" })).toBe("Person · …said Sullivan…");
    expect(hitDetail("John", { node, score: 1, snippet: null, matched: "name" })).toBe("Person");
  });
});

describe("Api with a token", () => {
  function memory(): Pick<Storage, "getItem" | "setItem" | "removeItem"> & { data: Map<string, string> } {
    const data = new Map<string, string>();
    return { data, getItem: (k) => data.get(k) ?? null, setItem: (k, v) => void data.set(k, v), removeItem: (k) => void data.delete(k) };
  }

  it("asks for the token on 401, retries with it, and keeps it for the next request", async () => {
    const auth: (string | null)[] = [];
    const store = memory();
    const api = new Api("/graphql", async (_u, init) => {
      const a = new Headers(init.headers).get("Authorization");
      auth.push(a);
      if (a !== "Bearer s3cret") return new Response(JSON.stringify({ errors: [{ message: "token", extensions: { code: "UNAUTHENTICATED" } }] }), { status: 401 });
      return new Response(JSON.stringify({ data: { search: [] } }), { status: 200 });
    }, store);
    let asked = 0;
    api.askToken = async () => {
      asked++;
      return "s3cret";
    };
    await api.search("x");
    await api.search("y");
    expect(asked).toBe(1);
    expect(auth).toEqual([null, "Bearer s3cret", "Bearer s3cret"]);
    expect(store.data.get("actorgraph-token")).toBe("s3cret");
  });

  it("gives up with UNAUTHENTICATED when the user cancels", async () => {
    const api = new Api("/graphql", async () => new Response("{}", { status: 401 }), memory());
    api.askToken = async () => null;
    await expect(api.search("x")).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("Api.addDocument", () => {
  it("posts the URL with the client header and passes each JSON line on as it arrives, split anywhere", async () => {
    const seen: RequestInit[] = [];
    const lines = ['{"progress":"[1/1] https://x.example/a (extracted): +1 nodes"}\n', '{"warning":"no date"}\n{"done":true,', '"documents":[{"id":"doc:1","title":"A"}]}\n'];
    const api = new Api("/graphql", async (_u, init) => {
      seen.push(init);
      const body = new ReadableStream<Uint8Array>({
        start(c) {
          for (const l of lines) c.enqueue(new TextEncoder().encode(l));
          c.close();
        },
      });
      return new Response(body, { status: 200, headers: { "Content-Type": "application/x-ndjson" } });
    }, null);
    const got: unknown[] = [];
    const last = await api.addDocument({ url: "https://x.example/a" }, (l) => got.push(l));
    expect(got).toEqual([{ progress: "[1/1] https://x.example/a (extracted): +1 nodes" }, { warning: "no date" },
      { done: true, documents: [{ id: "doc:1", title: "A" }] }]);
    expect(last.documents![0]!.id).toBe("doc:1");
    const headers = seen[0]!.headers as Record<string, string>;
    expect(headers["X-Actorgraph-Client"]).toBe("ui");
    expect(JSON.parse(seen[0]!.body as string)).toEqual({ url: "https://x.example/a" });
  });

  it("raises the server's reason when it refuses", async () => {
    const api = new Api("/graphql", fakeFetch({ error: "this server is read-only (--read-only): nothing can be added" }, [], 403), null);
    await expect(api.addDocument({ url: "https://x.example/a" }, () => {})).rejects.toMatchObject({ code: "FORBIDDEN", message: "this server is read-only (--read-only): nothing can be added" });
  });
});
