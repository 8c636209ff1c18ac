/**
 * The project's own golden transcripts, shipped in provider jars under
 * {@code META-INF/rill/transcripts/<provider-id>/}, and the expectations they carry.
 */
package dev.rill.testkit.golden;
