import {describe, expect, it} from "vitest";
import {memoryWorkbookStore, openPageWorkbookStore} from "../../src/components/browser/memoryWorkbookStore.js";
import {addRankingContract} from "../support/workbookStoreContract.js";

describe("memoryWorkbookStore(problem)", () => {
  it("adds a ranking measured after its run was kept, as the IndexedDB store does", async () => {
    await addRankingContract(memoryWorkbookStore("blocked"));
  });
});

describe("openPageWorkbookStore(open)", () => {
  it("gives a store in memory, naming the problem, where IndexedDB cannot be opened", async () => {
    const blocked = await openPageWorkbookStore(() =>
      Promise.reject(new Error("refused", {cause: new DOMException("no", "SecurityError")}))
    );
    expect(blocked.problem).toBe("blocked");
    const unavailable = await openPageWorkbookStore(() => Promise.reject(new DOMException("no", "InvalidStateError")));
    expect(unavailable.problem).toBe("unavailable");
  });
});
