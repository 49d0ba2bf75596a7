// Types for the parts of graphology-layout-forceatlas2 that ship without them.

declare module "graphology-layout-forceatlas2/iterate" {
  import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";
  export default function iterate(settings: Required<ForceAtlas2Settings>, nodes: Float32Array, edges: Float32Array): void;
}

declare module "graphology-layout-forceatlas2/helpers" {
  import type Graph from "graphology-types";
  export function graphToByteArrays(
    graph: Graph,
    getEdgeWeight: (edge: string, attr: Record<string, unknown>, source: string, target: string, sa: unknown, ta: unknown, u: boolean) => number,
  ): { nodes: Float32Array; edges: Float32Array };
  export function assignLayoutChanges(graph: Graph, nodes: Float32Array, outputReducer: null): void;
}

declare module "graphology-layout-forceatlas2/defaults" {
  import type { ForceAtlas2Settings } from "graphology-layout-forceatlas2";
  const defaults: Required<ForceAtlas2Settings>;
  export default defaults;
}
