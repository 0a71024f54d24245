// openInChromium: open a page from a file:// URL in Debian's headless chromium (playwright-core), with the network refused, and read what the page drew.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { chromiumPath } from "../../../bench/missingPackages.js";

/** Flags that keep chromium from reaching the network or doing background work. */
const FLAGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"];

/** A page opened by {@link Chromium.open}, with what it logged and requested. */
export interface OpenedPage {
  page: Page;
  /** console.error messages and uncaught exceptions. */
  errors: string[];
  /** Every request the page made that was not for a file:// or data: URL (all refused). */
  remoteRequests: string[];
}

/** A headless chromium with a fresh profile directory, removed on {@link close}. */
export class Chromium {
  private constructor(
    private readonly context: BrowserContext,
    private readonly profile: string,
  ) {}

  /** Launch chromium at `chromiumPath()` headless, in a fresh --user-data-dir. */
  static async launch(): Promise<Chromium> {
    const profile = mkdtempSync(join(tmpdir(), "chokepoint-chromium-"));
    const context = await chromium.launchPersistentContext(profile, {
      executablePath: chromiumPath(),
      headless: true,
      args: FLAGS,
      viewport: { width: 1100, height: 900 },
    });
    return new Chromium(context, profile);
  }

  /** Open `file` from its file:// URL, refusing any other request, and wait until its script set `data-rendered` on the body. */
  async open(file: string): Promise<OpenedPage> {
    const page = await this.context.newPage();
    const errors: string[] = [];
    const remoteRequests: string[] = [];
    page.on("console", (m) => {
      if (m.type() === "error") errors.push(m.text());
    });
    page.on("pageerror", (e) => errors.push(e.message));
    await page.route("**/*", (route) => {
      const url = route.request().url();
      if (url.startsWith("file:") || url.startsWith("data:")) return route.continue();
      remoteRequests.push(url);
      return route.abort();
    });
    await page.goto(pathToFileURL(file).href);
    await page.waitForSelector("body[data-rendered]", { timeout: 30_000 });
    return { page, errors, remoteRequests };
  }

  async close(): Promise<void> {
    await this.context.close();
    rmSync(this.profile, { recursive: true, force: true });
  }
}
