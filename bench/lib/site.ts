/**
 * What the overlay harness needs to know about a site. Each site module (x.com today,
 * facebook.com later) provides one of these.
 */
export interface BenchSite {
  /** Label used in the printed report. */
  name: string;
  /** Platform prefix of the overlay host attributes: `data-kotae-post="<platform>:<postId>"`. */
  platform: string;
  /** The page that is loaded; the harness serves `pageHtml()` for it. */
  url: string;
  /** Every request matching these is answered by the harness (the page, else 204). */
  routePatterns: string[];
  /**
   * The complete document served at `url`. Its script must define `window.__kotaeBenchFeed`
   * as described by {@link PageFeed}.
   */
  pageHtml(): string;
}

/**
 * The contract between a synthetic page and the page-side harness, as plain JavaScript
 * on `window.__kotaeBenchFeed` (documented here; the page code is a string).
 */
export interface PageFeed {
  /** Builds post number `index`, inserts it into the feed and describes it. */
  append(index: number): AppendedPost;
  /** Called once per frame after a batch, e.g. to grow the virtual list's height. */
  afterBatch(appendedSoFar: number): void;
  /** The element that holds the posts (for counting elements per post). */
  root: Element;
}

export interface AppendedPost {
  /** The node the feed inserted (the harness ignores it when watching for overlay hosts). */
  node: Element;
  /** Post id as the overlay is expected to report it (a string: ids exceed 2^53). */
  postId: string;
  /** Customer key as the overlay is expected to report it, without the platform prefix. */
  customerId: string;
}
