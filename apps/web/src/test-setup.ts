// jsdom lacks ResizeObserver and DOMMatrixReadOnly, which React Flow needs to mount (xyflow's
// documented test stubs).
class ResizeObserverStub {
  observe() {}
  unobserve() {}
  disconnect() {}
}
globalThis.ResizeObserver ??= ResizeObserverStub as unknown as typeof ResizeObserver;

class DOMMatrixReadOnlyStub {
  m22: number;
  constructor(transform?: string) {
    const scale = transform?.match(/scale\(([\d.]+)\)/)?.[1];
    this.m22 = scale !== undefined ? Number(scale) : 1;
  }
}
// biome-ignore lint/suspicious/noExplicitAny: test environment shim
(globalThis as any).DOMMatrixReadOnly ??= DOMMatrixReadOnlyStub;
