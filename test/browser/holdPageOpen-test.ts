import {describe, expect, it} from "vitest";
import {holdPageOpen, whileHoldingPageOpen} from "../../src/components/browser/holdPageOpen.js";

/** Whether leaving the page now would ask first: a `beforeunload` that some listener cancels. */
const asksToLeave = (page: EventTarget) => {
  const event = new Event("beforeunload", {cancelable: true});
  page.dispatchEvent(event);
  return event.defaultPrevented;
};

describe("holdPageOpen(page)", () => {
  it("asks before leaving while a hold is held, and only then", () => {
    const page = new EventTarget();
    expect(asksToLeave(page)).toBe(false);
    const release = holdPageOpen(page);
    expect(asksToLeave(page)).toBe(true);
    release();
    expect(asksToLeave(page)).toBe(false);
  });

  it("keeps holds apart: the page asks until the last is released, and a second release does nothing", () => {
    const page = new EventTarget();
    const a = holdPageOpen(page);
    const b = holdPageOpen(page);
    a();
    a();
    expect(asksToLeave(page)).toBe(true);
    b();
    expect(asksToLeave(page)).toBe(false);
  });

  it("does nothing where there is no page (Node)", () => {
    expect(() => holdPageOpen({})()).not.toThrow();
  });
});

describe("whileHoldingPageOpen(work, page)", () => {
  it("holds the page open while the work is pending, and lets go when it settles, even by failing", async () => {
    const page = new EventTarget();
    let finish!: () => void;
    const work = whileHoldingPageOpen(() => new Promise<string>((r) => (finish = () => r("kept"))), page);
    expect(asksToLeave(page)).toBe(true);
    finish();
    expect(await work).toBe("kept");
    expect(asksToLeave(page)).toBe(false);
    await expect(whileHoldingPageOpen(() => Promise.reject(new Error("full")), page)).rejects.toThrow("full");
    expect(asksToLeave(page)).toBe(false);
  });
});
