// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {EpochTable, formatTime} from "../../src/components/ui/EpochTable.js";

describe("formatTime(seconds)", () => {
  it("formats seconds as fastai's mm:ss, rounded to the second", () => {
    expect(formatTime(0)).toBe("00:00");
    expect(formatTime(7.4)).toBe("00:07");
    expect(formatTime(59.5)).toBe("01:00");
    expect(formatTime(754)).toBe("12:34");
    expect(formatTime(6000)).toBe("100:00");
  });
});

describe("EpochTable(rows, {caption})", () => {
  it("is fastai's training table, one row per epoch, losses to six decimals", () => {
    const table = EpochTable([
      {epoch: 0, trainLoss: 0.9123456, validLoss: 0.85, seconds: 61},
      {epoch: 1, trainLoss: 0.8, validLoss: 0.8412345678, seconds: 62.6}
    ]);
    const cells = (row: HTMLTableRowElement) => [...row.cells].map((c) => c.textContent);
    expect(cells(table.tHead!.rows[0])).toEqual(["epoch", "train_loss", "valid_loss", "time"]);
    expect([...table.tBodies[0].rows].map(cells)).toEqual([
      ["0", "0.912346", "0.850000", "01:01"],
      ["1", "0.800000", "0.841235", "01:03"]
    ]);
    expect(table.outerHTML).toBe(
      '<table class="epoch-table">' +
        "<thead><tr><th>epoch</th><th>train_loss</th><th>valid_loss</th><th>time</th></tr></thead>" +
        "<tbody>" +
        "<tr><td>0</td><td>0.912346</td><td>0.850000</td><td>01:01</td></tr>" +
        "<tr><td>1</td><td>0.800000</td><td>0.841235</td><td>01:03</td></tr>" +
        "</tbody></table>"
    );
  });

  it("has a caption when asked", () => {
    const table = EpochTable([], {caption: "Run #3"});
    expect(table.caption?.textContent).toBe("Run #3");
    expect(EpochTable([]).caption).toBeNull();
  });

  it("says no epoch finished yet when there are none", () => {
    const table = EpochTable([]);
    expect(table.tBodies[0].innerHTML).toBe('<tr><td colspan="4" class="empty">No epoch finished yet.</td></tr>');
  });
});
