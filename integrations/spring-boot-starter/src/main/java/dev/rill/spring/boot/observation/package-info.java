/**
 * The starter's Micrometer part, isolated so that it can be replaced by the {@code rill-micrometer} module's
 * observation: one conditional auto-configuration contributing one {@code StreamListener} bean.
 */
package dev.rill.spring.boot.observation;
