// Lasso: Shift-drag on an empty part of the canvas draws a free-form loop;
// the nodes inside it join the multi-selection (the selection tools then
// act on them). A plain drag still pans.

import type { App } from "./app";

/** Whether point p lies inside the polygon (even-odd rule). */
export function insidePolygon(p: { x: number; y: number }, poly: { x: number; y: number }[]): boolean {
  let inside = false;
  for (let i = 0, j = poly.length - 1; i < poly.length; j = i++) {
    const a = poly[i]!, b = poly[j]!;
    if ((a.y > p.y) !== (b.y > p.y) && p.x < ((b.x - a.x) * (p.y - a.y)) / (b.y - a.y) + a.x) inside = !inside;
  }
  return inside;
}

export function attachLasso(app: App, stage: HTMLElement): void {
  const NS = "http://www.w3.org/2000/svg";
  const svg = document.createElementNS(NS, "svg");
  svg.setAttribute("class", "lasso");
  svg.setAttribute("aria-hidden", "true");
  const line = document.createElementNS(NS, "polyline");
  svg.append(line);
  stage.append(svg);
  let points: { x: number; y: number }[] | null = null;
  const sigma = app.sigma;
  sigma.on("downStage", ({ event }) => {
    const o = event.original as MouseEvent;
    if (!o.shiftKey) return;
    event.preventSigmaDefault();
    points = [{ x: event.x, y: event.y }];
    svg.classList.add("on");
  });
  const captor = sigma.getMouseCaptor();
  captor.on("mousemovebody", (e) => {
    if (!points) return;
    e.preventSigmaDefault();
    e.original.preventDefault();
    points.push({ x: e.x, y: e.y });
    line.setAttribute("points", points.map((p) => `${p.x},${p.y}`).join(" "));
  });
  captor.on("mouseup", () => {
    if (!points) return;
    const poly = points;
    points = null;
    svg.classList.remove("on");
    line.setAttribute("points", "");
    if (poly.length < 3) return;
    const f = app.canvasState.filters;
    const inside = app.model.visibleNodes(f).filter((id) => {
      const d = sigma.getNodeDisplayData(id);
      return d ? insidePolygon(sigma.framedGraphToViewport({ x: d.x, y: d.y }), poly) : false;
    });
    // After the click that follows this mouseup (a click on the stage
    // clears the selection).
    if (inside.length) setTimeout(() => app.addToMulti(inside), 0);
  });
}
