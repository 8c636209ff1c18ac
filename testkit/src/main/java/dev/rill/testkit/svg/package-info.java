/**
 * Sizing and checking the text of the SVG charts that Rill's reports draw ({@code certification.html},
 * {@code bench.html}): a conservative text-width estimate the charts size themselves by, and a check that every
 * text of a chart lies inside it.
 */
package dev.rill.testkit.svg;
