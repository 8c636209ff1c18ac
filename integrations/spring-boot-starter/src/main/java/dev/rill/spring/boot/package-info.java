/** Spring Boot auto-configuration of a Rill client ({@link dev.rill.spring.boot.RillAutoConfiguration}). */
package dev.rill.spring.boot;
