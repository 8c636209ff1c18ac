/**
 * The {@code rill} command line: {@code demo}, {@code providers}, {@code stream} and {@code decode}. Plugins are
 * not required here: the runtime discovers them on the module path through their {@code provides} clauses.
 */
module dev.rill.cli {
  requires dev.rill.runtime;
  requires dev.rill.framing;
  requires dev.rill.testkit;
  requires info.picocli;
  requires tools.jackson.core;

  opens dev.rill.cli to info.picocli;
}
