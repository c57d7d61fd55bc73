// @vitest-environment jsdom
import {afterEach, describe, expect, it, vi} from "vitest";
import {downloadBlob} from "../../src/components/browser/downloadBlob.js";

describe("downloadBlob(parts, fileName, type)", () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.restoreAllMocks();
  });

  it("clicks a link to an object URL of the bytes, named fileName, and revokes it 10 s later", () => {
    vi.useFakeTimers();
    const blobs: Blob[] = [];
    URL.createObjectURL = vi.fn((blob: Blob) => (blobs.push(blob), "blob:test/1"));
    URL.revokeObjectURL = vi.fn();
    const clicked: {href: string; download: string}[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({href: this.href, download: this.download});
    });
    downloadBlob(["1::99999::5::0\n"], "my_ratings.dat", "text/plain");
    expect(clicked).toEqual([{href: "blob:test/1", download: "my_ratings.dat"}]);
    expect(blobs[0].type).toBe("text/plain");
    expect(blobs[0].size).toBe("1::99999::5::0\n".length);
    vi.advanceTimersByTime(9_999);
    expect(URL.revokeObjectURL).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(URL.revokeObjectURL).toHaveBeenCalledWith("blob:test/1");
  });
});
