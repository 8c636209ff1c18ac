package dev.rill.runtime;

/**
 * What a stage or listener knows about the call it is part of.
 *
 * @param callId a process-unique id for the call (all its attempts)
 * @param provider the provider id of the current attempt
 * @param model the model of the current attempt, as requested
 * @param attempt the attempt number for this model spec, from 1
 * @param fallbackIndex the index of the model spec in the fallback list, 0 for the first
 * @since 0.1
 */
public record CallInfo(long callId, String provider, String model, int attempt, int fallbackIndex) {}
