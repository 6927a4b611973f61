/**
 * Pure address arithmetic shared by config validation, URL canonicalisation and the fetcher's address guard:
 * IP literal spellings and the blocked address ranges. No I/O, no Vert.x.
 */
package dev.vertxcrawler.net;
