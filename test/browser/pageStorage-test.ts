import {describe, expect, it} from "vitest";
import {memoryStorage, pageStorage, storageProblemOf} from "../../src/components/browser/pageStorage.js";

const domError = (name: string) => Object.assign(new Error(name), {name});

describe("pageStorage(get)", () => {
  it("gives the browser's own storage when it can be read", () => {
    const own = memoryStorage();
    expect(pageStorage(() => own)).toEqual({storage: own, problem: null});
  });
  it("gives a memory storage, and says blocked, where reading localStorage throws a SecurityError", () => {
    const {storage, problem} = pageStorage(() => {
      throw domError("SecurityError");
    });
    expect(problem).toBe("blocked");
    storage.setItem("a", "1");
    expect(storage.getItem("a")).toBe("1");
  });
  it("says blocked for the memory storage the page's head put in place of one it could not read", () => {
    const shim = Object.assign(memoryStorage(), {memoryOnly: "SecurityError"});
    expect(pageStorage(() => shim)).toEqual({storage: shim, problem: "blocked"});
  });
  it("says unavailable when there is no localStorage at all", () => {
    expect(pageStorage(() => undefined).problem).toBe("unavailable");
  });
});

describe("storageProblemOf(error)", () => {
  it("names a full disk, a blocked one and anything else", () => {
    expect(storageProblemOf(domError("QuotaExceededError"))).toBe("full");
    expect(storageProblemOf(domError("NS_ERROR_DOM_QUOTA_REACHED"))).toBe("full");
    expect(storageProblemOf(domError("SecurityError"))).toBe("blocked");
    expect(storageProblemOf(domError("InvalidStateError"))).toBe("unavailable");
    expect(storageProblemOf(null)).toBe("unavailable");
  });
});

describe("memoryStorage()", () => {
  it("keeps, lists, removes and clears items as Storage does", () => {
    const s = memoryStorage();
    s.setItem("a", "1");
    s.setItem("b", "2");
    expect([s.length, s.key(0), s.getItem("b"), s.getItem("c")]).toEqual([2, "a", "2", null]);
    s.removeItem("a");
    expect(s.length).toBe(1);
    s.clear();
    expect(s.length).toBe(0);
  });
});
