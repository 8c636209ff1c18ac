/**
 * The code of Rill's guides. Each region between {@code // tag::NAME[]} and {@code // end::NAME[]} is a code block
 * of README.md or docs/ (marked there {@code <!-- snippet: File.java#NAME -->}); the module's tests run every region
 * against a loopback server replaying golden transcripts, and {@code DocSnippetsTest} checks that the docs still
 * show this code.
 */
package dev.rill.examples.guide;
