import {describe, expect, it} from "vitest";
import {percent} from "../../src/components/ui/percent.js";

describe("percent(share)", () => {
  it("writes a share with one decimal and a percent sign", () => {
    expect([percent(0), percent(0.1234), percent(0.2222), percent(1)]).toEqual(["0.0%", "12.3%", "22.2%", "100.0%"]);
  });
});
