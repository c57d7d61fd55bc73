// @vitest-environment jsdom
import {describe, expect, it} from "vitest";
import {CopyLink} from "../../src/components/ui/CopyLink.js";

const settle = () => new Promise((done) => setTimeout(done, 0));

describe("CopyLink(options, {href, clipboard})", () => {
  it("copies the page's link and says so", async () => {
    const copied: string[] = [];
    const view = CopyLink(
      {what: "these settings"},
      {
        href: () => "https://x.test/train.html?factors=20",
        clipboard: {writeText: async (text: string) => void copied.push(text)}
      }
    );
    view.querySelector("button")!.click();
    await settle();
    expect(copied).toEqual(["https://x.test/train.html?factors=20"]);
    expect(view.querySelector(".copy-link-status")!.textContent).toBe(
      "Link copied: it opens this page with these settings."
    );
    expect(view.querySelector("input")!.hidden).toBe(true);
  });

  it("shows the link, selected, where the browser will not copy", async () => {
    document.body.innerHTML = "";
    const view = document.body.appendChild(
      CopyLink(
        {},
        {
          href: () => "https://x.test/a.html?b=1",
          clipboard: {writeText: () => Promise.reject(new DOMException("denied", "NotAllowedError"))}
        }
      )
    );
    view.querySelector("button")!.click();
    await settle();
    const field = view.querySelector("input")!;
    expect([field.hidden, field.value, document.activeElement === field]).toEqual([
      false,
      "https://x.test/a.html?b=1",
      true
    ]);
    expect(view.querySelector(".copy-link-status")!.textContent).toBe(
      "The browser would not copy the link: it is selected here, to copy by hand."
    );
  });
});
