package dev.rill.conformance.mutants;

import dev.rill.conformance.reference.ReferenceProvider;

/** Defect: not listed in META-INF/services/dev.rill.api.StreamingProvider (rule H0.1). */
public class UnregisteredMutant extends ReferenceProvider {}
