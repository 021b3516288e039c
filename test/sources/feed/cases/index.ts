import type { FeedCase } from "../feedCase.js";
import { atom03Cases } from "./atom03.js";
import { atom10Cases } from "./atom10.js";
import { i18nCases } from "./i18n.js";
import { jsonFeedCases } from "./jsonFeed.js";
import { mediaCases } from "./media.js";
import { minifluxCases } from "./miniflux.js";
import { parserQuirkCases } from "./parserQuirks.js";
import { rdfCases } from "./rdf.js";
import { realWorldCases } from "./realWorld.js";
import { repairCases } from "./repairs.js";
import { rss2Cases } from "./rss2.js";
import { rss09Cases } from "./rss09.js";
import { securityCases } from "./security.js";
import { xmlBaseCases } from "./xmlBase.js";

export const allCases: FeedCase[] = [
  ...rss2Cases,
  ...rss09Cases,
  ...rdfCases,
  ...atom10Cases,
  ...atom03Cases,
  ...xmlBaseCases,
  ...jsonFeedCases,
  ...repairCases,
  ...securityCases,
  ...mediaCases,
  ...i18nCases,
  ...realWorldCases,
  ...parserQuirkCases,
  ...minifluxCases,
];
