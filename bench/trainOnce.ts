import type {Page} from "playwright-core";

/** What the Train page reported for a run. */
export interface TrainRun {
  /** Opening the page to the run's end, in seconds. */
  seconds: number;
  status: string | null;
  backend: string | null;
  /** What "auto" measured before the run, as the page says it in one line; null for a backend chosen by name. */
  measured: string | null;
  /** The epoch table's rows: epoch, train_loss, valid_loss, time. */
  epochs: (string | null)[][];
  /** The worker's peak JS heap (Runtime.getHeapUsage every 0.5 s) and the page's, in bytes. */
  workerHeapBytes: number;
  pageHeapBytes: number;
  /** The worker's buffers at the end (the wasm backend's memory is not JS heap), from `data-memory`. */
  memory: {tensorBytes: number; wasmHeapBytes: number; tableBytes: number} | null;
  /**
   * Each epoch's seconds and the whole run's (request to done), by the worker's clock,
   * from `data-epoch-seconds` and `data-run-seconds`.
   */
  epochSeconds: number[];
  runSeconds: number | null;
  /** The progress view's text when the run failed. */
  error: string | null;
}

/**
 * Trains once through the Train page of the site at `siteUrl`, in `page`, as a person does: backend, batch size (the
 * page's default when not given) and epochs set, Train clicked, then polled until the run is done, stopped or failed,
 * sampling the worker's JS heap through the DevTools protocol.
 */
export async function trainOnce(
  page: Page,
  siteUrl: string,
  {
    epochs,
    backend,
    bs,
    threads,
    factors
  }: {epochs: number; backend: string; bs?: string; threads?: number; factors?: number}
): Promise<TrainRun> {
  const t0 = Date.now();
  await page.goto(new URL(`./train.html${threads ? `?threads=${threads}` : ""}`, siteUrl).href);
  await page.getByLabel("Backend", {exact: true}).selectOption(backend);
  if (bs !== undefined) await page.getByLabel("Batch size", {exact: true}).selectOption(bs);
  const epochsInput = page.getByLabel("Epochs", {exact: true});
  await epochsInput.fill(String(epochs));
  await epochsInput.dispatchEvent("input");
  if (factors !== undefined) {
    const factorsInput = page.getByLabel("n_factors", {exact: true});
    await factorsInput.fill(String(factors));
    await factorsInput.dispatchEvent("input");
  }
  await page.locator(".train-controls button", {hasText: "Train"}).click();
  // The worker's heap, through the DevTools protocol: attach to the worker target and ask for Runtime.getHeapUsage.
  const cdp = await page.context().newCDPSession(page);
  const workerSessions = new Set<string>();
  let peakHeap = 0;
  let nextId = 1;
  cdp.on("Target.attachedToTarget", (e: {sessionId: string; targetInfo: {type: string}}) => {
    if (e.targetInfo.type === "worker") workerSessions.add(e.sessionId);
  });
  cdp.on("Target.receivedMessageFromTarget", (e: {message: string}) => {
    const message = JSON.parse(e.message) as {result?: {usedSize?: number}};
    if (message.result?.usedSize) peakHeap = Math.max(peakHeap, message.result.usedSize);
  });
  await cdp.send("Target.setAutoAttach", {autoAttach: true, waitForDebuggerOnStart: false, flatten: false});
  const progress = page.locator(".training-progress");
  for (;;) {
    for (const sessionId of workerSessions) {
      await cdp
        .send("Target.sendMessageToTarget", {
          sessionId,
          message: JSON.stringify({id: nextId++, method: "Runtime.getHeapUsage"})
        })
        .catch(() => {});
    }
    const status = await progress.getAttribute("data-status");
    if (status === "done" || status === "error" || status === "stopped") break;
    await page.waitForTimeout(500);
  }
  const seconds = (Date.now() - t0) / 1000;
  const status = await progress.getAttribute("data-status");
  const measured = page.locator(".training-progress .backend-measured");
  return {
    seconds,
    status,
    backend: await page.locator(".training-progress .backend strong").textContent(),
    measured: (await measured.count()) ? await measured.textContent() : null,
    epochs: await page
      .locator(".epoch-table tbody tr")
      .evaluateAll((trs) => trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => td.textContent))),
    workerHeapBytes: peakHeap,
    pageHeapBytes: await page.evaluate(
      () => (performance as unknown as {memory?: {usedJSHeapSize: number}}).memory?.usedJSHeapSize ?? 0
    ),
    memory: JSON.parse((await progress.getAttribute("data-memory")) ?? "null"),
    epochSeconds: JSON.parse((await progress.getAttribute("data-epoch-seconds")) ?? "[]"),
    runSeconds: Number((await progress.getAttribute("data-run-seconds")) ?? NaN) || null,
    error: status === "error" ? await progress.innerText() : null
  };
}
