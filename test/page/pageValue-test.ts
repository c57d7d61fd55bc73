import {describe, expect, it} from "vitest";
import {pageValue} from "../../src/components/page/pageValue.js";

describe("pageValue(initial)", () => {
  it("gives its value, then each value set (a promise awaited), the latest only while none is asked", async () => {
    const value = pageValue<string>("first");
    expect(await value.values.next()).toEqual({done: false, value: "first"});
    const next = value.values.next();
    value.set(Promise.resolve("second"));
    expect((await next).value).toBe("second");
    value.set("third");
    value.set("fourth");
    expect((await value.values.next()).value).toBe("fourth");
  });

  it("fails where a failed promise is asked for, and one replaced before it was asked fails nothing", async () => {
    const value = pageValue<string>(Promise.reject(new Error("never asked")));
    value.set(Promise.reject(new Error("could not read")));
    await expect(value.values.next()).rejects.toThrow("could not read");
  });
});
