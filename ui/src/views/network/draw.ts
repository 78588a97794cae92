// Drawing the network: colours and sizes from the core's view, and two
// renderers behind one face — sigma.js (WebGL) where WebGL works, and a
// plain canvas where it does not (WebKitGTK can leave WebGL off or slow).
import Graph from "graphology";
import Sigma from "sigma";
import type { NetworkView, Segment, ViewNode } from "../../api";

/** Colour-blind-safe categories (Okabe–Ito, then Tol's muted). */
export const PALETTE = [
  "#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
  "#332288", "#117733", "#882255", "#44AA99", "#999933", "#AA4499", "#6699CC",
];
export const QUIET = "#B8BEC6";

export const SEGMENT_COLOURS: Record<Segment, string> = {
  "opinion-leader": "#D55E00",
  broker: "#CC79A7",
  talent: "#009E73",
  "early-adopter": "#0072B2",
  "not-yet-engaged": "#8C96A3",
};
/** When someone has several labels, the first of this order colours them. */
export const SEGMENT_ORDER: Segment[] = ["opinion-leader", "broker", "talent", "early-adopter", "not-yet-engaged"];

export type ColourBy = "community" | "department" | "segment";
export type SizeBy = "pagerank" | "degree";

export function nodeColour(n: ViewNode, by: ColourBy): string {
  if (by === "segment") {
    const s = SEGMENT_ORDER.find((x) => n.segments.includes(x));
    return s ? SEGMENT_COLOURS[s] : QUIET;
  }
  const k = by === "community" ? n.community : n.department;
  if (k === null) return QUIET;
  // Communities past the palette share a quiet grey: they are the small ones.
  if (by === "community" && k >= PALETTE.length) return QUIET;
  return PALETTE[k % PALETTE.length];
}

export function nodeSizes(view: NetworkView, by: SizeBy, pagerank?: number[]): number[] {
  const values = view.nodes.map((n, i) => (by === "pagerank" ? (pagerank ? pagerank[i] : n.pagerank) : n.degree));
  const max = Math.max(...values, 1e-12);
  // Area proportional to the value, within 1.5–14 px of radius.
  return values.map((v) => 1.5 + 12.5 * Math.sqrt(v / max));
}

/** What a renderer does for the view. */
export interface Renderer {
  /** Recolours, resizes, and highlights `focus` with its neighbours (or nothing). */
  update(colours: string[], sizes: number[], focus: Set<number> | null, edges?: [number, number, number][]): void;
  /** Centres on a node. */
  show(node: number): void;
  /** Zooms by a factor (pan/zoom frame times are measured with it). */
  zoom(factor: number): void;
  kill(): void;
  readonly kind: "webgl" | "canvas";
}

export function webglWorks(): boolean {
  try {
    const c = document.createElement("canvas");
    return !!(c.getContext("webgl") || c.getContext("experimental-webgl"));
  } catch {
    return false;
  }
}

/** sigma.js on a graphology graph; `onClick` gets a node index or null. */
export function sigmaRenderer(
  container: HTMLElement,
  view: NetworkView,
  onClick: (node: number | null) => void,
  onFirstPaint: () => void,
): Renderer {
  const g = new Graph({ type: "undirected", multi: false });
  view.nodes.forEach((n, i) => g.addNode(String(i), { x: n.x, y: -n.y, size: 2, color: QUIET, label: n.name }));
  const addEdges = (edges: [number, number, number][]) => {
    g.clearEdges();
    for (const [a, b, w] of edges) {
      // The core sends each tie once (smaller end first).
      if (a !== b) g.addEdgeWithKey(`${a}-${b}`, String(a), String(b), { size: Math.min(0.4 + Math.log1p(w) * 0.4, 3), color: "#C9CED6" });
    }
  };
  addEdges(view.edges);
  let focus: Set<number> | null = null;
  const renderer = new Sigma(g, container, {
    renderLabels: true,
    labelRenderedSizeThreshold: 9,
    labelDensity: 0.4,
    defaultEdgeColor: "#C9CED6",
    hideEdgesOnMove: view.edges.length > 20000,
    zIndex: true,
    nodeReducer: (key, attrs) => {
      if (!focus) return attrs;
      return focus.has(Number(key)) ? { ...attrs, zIndex: 1, forceLabel: true } : { ...attrs, color: "#E4E7EB", label: "", zIndex: 0 };
    },
    edgeReducer: (key, attrs) => {
      if (!focus) return attrs;
      const [s, t] = g.extremities(key);
      return focus.has(Number(s)) && focus.has(Number(t)) ? { ...attrs, color: "#5B6573" } : { ...attrs, hidden: true };
    },
  });
  let painted = false;
  renderer.on("afterRender", () => {
    if (!painted) {
      painted = true;
      onFirstPaint();
    }
  });
  renderer.on("clickNode", ({ node }) => onClick(Number(node)));
  renderer.on("clickStage", () => onClick(null));
  return {
    kind: "webgl",
    update(colours, sizes, f, edges) {
      focus = f;
      if (edges) addEdges(edges);
      g.updateEachNodeAttributes((key, attrs) => ({ ...attrs, color: colours[Number(key)], size: sizes[Number(key)] }));
      renderer.refresh();
    },
    zoom(factor) {
      const camera = renderer.getCamera();
      camera.setState({ ratio: camera.getState().ratio / factor });
    },
    show(node) {
      const p = renderer.getNodeDisplayData(String(node));
      if (p) renderer.getCamera().animate({ x: p.x, y: p.y, ratio: 0.25 }, { duration: 400 });
    },
    kill() {
      renderer.kill();
    },
  };
}

/** Frame times (ms) of `steps` zoom steps in and out: each step changes the
 * camera and waits for the next frame. */
export async function frameTimes(r: Renderer, steps: number): Promise<number[]> {
  const frame = () => new Promise<number>((ok) => requestAnimationFrame(ok));
  const out: number[] = [];
  let last = await frame();
  for (let i = 0; i < steps; i++) {
    r.zoom(i < steps / 2 ? 1.04 : 1 / 1.04);
    const now = await frame();
    out.push(now - last);
    last = now;
  }
  return out;
}

/** The fallback: a 2D canvas with pan (drag) and zoom (wheel). */
export function canvasRenderer(
  container: HTMLElement,
  view: NetworkView,
  onClick: (node: number | null) => void,
  onFirstPaint: () => void,
): Renderer {
  const canvas = document.createElement("canvas");
  canvas.style.width = "100%";
  canvas.style.height = "100%";
  canvas.dataset.testid = "network-canvas";
  container.appendChild(canvas);
  const ctx = canvas.getContext("2d")!;
  let colours: string[] = view.nodes.map(() => QUIET);
  let sizes: number[] = view.nodes.map(() => 2);
  let edges = view.edges;
  let focus: Set<number> | null = null;
  let scale = 1;
  let ox = 0;
  let oy = 0;
  let painted = false;
  const dpr = window.devicePixelRatio || 1;
  const place = (i: number): [number, number] => {
    const w = canvas.width / dpr;
    const h = canvas.height / dpr;
    const s = Math.min(w, h) * 0.45 * scale;
    return [w / 2 + ox + view.nodes[i].x * s, h / 2 + oy + view.nodes[i].y * s];
  };
  const draw = () => {
    const w = container.clientWidth;
    const h = container.clientHeight;
    if (canvas.width !== w * dpr || canvas.height !== h * dpr) {
      canvas.width = w * dpr;
      canvas.height = h * dpr;
    }
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.clearRect(0, 0, w, h);
    ctx.lineWidth = 0.5;
    ctx.strokeStyle = focus ? "#5B6573" : "rgba(150,158,170,0.35)";
    ctx.beginPath();
    for (const [a, b] of edges) {
      if (focus && !(focus.has(a) && focus.has(b))) continue;
      const [x1, y1] = place(a);
      const [x2, y2] = place(b);
      ctx.moveTo(x1, y1);
      ctx.lineTo(x2, y2);
    }
    ctx.stroke();
    for (let i = 0; i < view.nodes.length; i++) {
      const [x, y] = place(i);
      if (x < -20 || y < -20 || x > w + 20 || y > h + 20) continue;
      ctx.fillStyle = focus && !focus.has(i) ? "#E4E7EB" : colours[i];
      ctx.beginPath();
      ctx.arc(x, y, Math.max(1, sizes[i] * Math.sqrt(scale) * 0.6), 0, Math.PI * 2);
      ctx.fill();
    }
    if (focus) {
      ctx.fillStyle = "#1F2933";
      ctx.font = "12px sans-serif";
      for (const i of focus) {
        const [x, y] = place(i);
        ctx.fillText(view.nodes[i].name, x + 6, y - 6);
      }
    }
    if (!painted) {
      painted = true;
      onFirstPaint();
    }
  };
  let frame = 0;
  const redraw = () => {
    cancelAnimationFrame(frame);
    frame = requestAnimationFrame(draw);
  };
  let drag: [number, number, number, number] | null = null;
  let moved = false;
  canvas.addEventListener("mousedown", (e) => {
    drag = [e.clientX, e.clientY, ox, oy];
    moved = false;
  });
  window.addEventListener("mouseup", (e) => {
    if (drag && !moved) {
      const r = canvas.getBoundingClientRect();
      const mx = e.clientX - r.left;
      const my = e.clientY - r.top;
      let best: number | null = null;
      let bestD = 100;
      view.nodes.forEach((_, i) => {
        const [x, y] = place(i);
        const d = (x - mx) ** 2 + (y - my) ** 2;
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      });
      onClick(best);
    }
    drag = null;
  });
  canvas.addEventListener("mousemove", (e) => {
    if (!drag) return;
    moved = moved || Math.abs(e.clientX - drag[0]) + Math.abs(e.clientY - drag[1]) > 3;
    ox = drag[2] + e.clientX - drag[0];
    oy = drag[3] + e.clientY - drag[1];
    redraw();
  });
  canvas.addEventListener("wheel", (e) => {
    e.preventDefault();
    const f = e.deltaY < 0 ? 1.2 : 1 / 1.2;
    scale *= f;
    ox *= f;
    oy *= f;
    redraw();
  }, { passive: false });
  const resize = new ResizeObserver(redraw);
  resize.observe(container);
  return {
    kind: "canvas",
    update(c, s, f, e) {
      colours = c;
      sizes = s;
      focus = f;
      if (e) edges = e;
      redraw();
    },
    zoom(factor) {
      scale *= factor;
      ox *= factor;
      oy *= factor;
      draw();
    },
    show(node) {
      const w = container.clientWidth;
      const h = container.clientHeight;
      scale = 4;
      const s = Math.min(w, h) * 0.45 * scale;
      ox = -view.nodes[node].x * s;
      oy = -view.nodes[node].y * s;
      redraw();
    },
    kill() {
      resize.disconnect();
      canvas.remove();
    },
  };
}
