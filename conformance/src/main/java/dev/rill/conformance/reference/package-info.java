/**
 * The kit's reference plugin: the baseline of the performance rules, and the plugin the kit's own tests certify and
 * break on purpose.
 */
package dev.rill.conformance.reference;
