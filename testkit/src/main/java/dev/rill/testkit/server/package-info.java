/** A scriptable, fault-injecting HTTP/1.1 server on loopback for end-to-end and fault tests. */
package dev.rill.testkit.server;
