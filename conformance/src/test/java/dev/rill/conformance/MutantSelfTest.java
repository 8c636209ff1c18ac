// Why one file of about 660 lines: the mutant table, one short test per mutant naming exactly the rules it must
// fail, read as one list; the assertion they share, assertFailsExactly, is at the top.

package dev.rill.conformance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rill.api.StreamingProvider;
import dev.rill.conformance.mutants.*;
import dev.rill.conformance.reference.ReferenceEventStreamProvider;
import dev.rill.conformance.reference.ReferenceNdjsonProvider;
import dev.rill.conformance.reference.ReferenceProvider;
import dev.rill.conformance.rules.RuleId;
import java.lang.module.ModuleDescriptor;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Execution;
import org.junit.jupiter.api.parallel.ExecutionMode;

/**
 * The kit tests itself: for every required rule, a deliberately broken plugin (or framer, or stream) and a check
 * that the kit, run against it, fails exactly the expected rules. The expected set is the rule itself, plus any
 * rule that necessarily sees the same defect (named in each test's comment). W1.11's mutant reads the AWS
 * event-stream reference plugin without checking CRCs. The performance rules' mutants are in
 * {@link dev.rill.conformance.performance.PerformanceSelfTest}.
 */
@Execution(ExecutionMode.CONCURRENT)
class MutantSelfTest {

  /**
   * Rules the runtime fails now and then whatever the plugin, ignored here unless they are the target. Empty: the
   * runtime now closes the connection on a cancel before the response head (L4.4 was listed here).
   */
  static final Set<RuleId> KNOWN_RUNTIME_FLAKES = Set.of();

  static void assertFailsExactly(Class<? extends ProviderVerification> kit, String... ruleIds) {
    KitRun.Outcome outcome = KitRun.run(kit);
    Set<RuleId> expected = new TreeSet<>(Arrays.stream(ruleIds).map(RuleId::parse).toList());
    Set<RuleId> failed = new TreeSet<>(outcome.failed());
    for (RuleId flaky : KNOWN_RUNTIME_FLAKES) {
      if (!expected.contains(flaky)) {
        failed.remove(flaky);
      }
    }
    assertThat(failed).as("rules failed by %s:\n%s", kit.getEnclosingClass() == null ? kit.getSimpleName()
        : kit.getSimpleName(), String.join("\n", outcome.messages())).isEqualTo(expected);
    assertThat(outcome.passed()).as("rules that still pass").isGreaterThan(10);
  }

  /** an implementation without a catalogue rule. */
  static class Kit_H0_failsFor_catalogueGap extends MutantKit {
    Kit_H0_failsFor_catalogueGap() {
      super(MutantKit.Setup.of(ReferenceProvider::new).extraChecks(Map.of(RuleId.parse("X9.9"), ctx -> { })));
    }
  }

  @Test
  void H0_failsFor_catalogueGap() {
    assertFailsExactly(Kit_H0_failsFor_catalogueGap.class, "H0");
  }

  /** a plugin missing from META-INF/services. */
  static class Kit_H0_1_failsFor_unregistered extends MutantKit {
    Kit_H0_1_failsFor_unregistered() {
      super(MutantKit.Setup.of(UnregisteredMutant::new));
    }
  }

  @Test
  void H0_1_failsFor_unregistered() {
    assertFailsExactly(Kit_H0_1_failsFor_unregistered.class, "H0.1");
  }

  /** a module-info whose provides clause names another class. */
  static class Kit_H0_2_failsFor_moduleWithoutProvides extends MutantKit {
    Kit_H0_2_failsFor_moduleWithoutProvides() {
      super(MutantKit.Setup.of(ReferenceProvider::new).moduleDescriptor(() -> Optional.of(ModuleDescriptor.newModule("acme.plugin").packages(Set.of("acme")).provides(StreamingProvider.class.getName(), List.of("acme.Other")).build())));
    }
  }

  @Test
  void H0_2_failsFor_moduleWithoutProvides() {
    assertFailsExactly(Kit_H0_2_failsFor_moduleWithoutProvides.class, "H0.2");
  }

  /** an SPI version the API does not define. */
  static class Kit_H0_3_failsFor_wrongSpiVersion extends MutantKit {
    Kit_H0_3_failsFor_wrongSpiVersion() {
      super(MutantKit.Setup.of(WrongSpiVersionMutant::new));
    }
  }

  @Test
  void H0_3_failsFor_wrongSpiVersion() {
    assertFailsExactly(Kit_H0_3_failsFor_wrongSpiVersion.class, "H0.3");
  }

  /** a declared capability no golden shows. */
  static class Kit_H0_4_failsFor_reasoningWithoutGolden extends MutantKit {
    Kit_H0_4_failsFor_reasoningWithoutGolden() {
      super(MutantKit.Setup.of(ReasoningWithoutGoldenMutant::new));
    }
  }

  @Test
  void H0_4_failsFor_reasoningWithoutGolden() {
    assertFailsExactly(Kit_H0_4_failsFor_reasoningWithoutGolden.class, "H0.4");
  }

  /** a golden showing tool calls the plugin does not declare. */
  static class Kit_H0_7_failsFor_toolsUndeclared extends MutantKit {
    Kit_H0_7_failsFor_toolsUndeclared() {
      super(MutantKit.Setup.of(ToolsUndeclaredMutant::new));
    }
  }

  @Test
  void H0_7_failsFor_toolsUndeclared() {
    assertFailsExactly(Kit_H0_7_failsFor_toolsUndeclared.class, "H0.7");
  }

  /** a model row taking away a capability the model's golden shows. */
  static class Kit_H0_7_failsFor_modelRowContradictsGolden extends MutantKit {
    Kit_H0_7_failsFor_modelRowContradictsGolden() {
      super(MutantKit.Setup.of(ModelRowContradictsGoldenMutant::new));
    }
  }

  @Test
  void H0_7_failsFor_modelRowContradictsGolden() {
    assertFailsExactly(Kit_H0_7_failsFor_modelRowContradictsGolden.class, "H0.7");
  }

  /** a declared request-side capability prepare() drops. */
  static class Kit_H0_8_failsFor_imagesDropped extends MutantKit {
    Kit_H0_8_failsFor_imagesDropped() {
      super(MutantKit.Setup.of(ImagesDroppedMutant::new));
    }
  }

  @Test
  void H0_8_failsFor_imagesDropped() {
    assertFailsExactly(Kit_H0_8_failsFor_imagesDropped.class, "H0.8");
  }

  /** declared REASONING whose options prepare() drops. */
  static class Kit_H0_8_failsFor_reasoningOptionsDropped extends MutantKit {
    Kit_H0_8_failsFor_reasoningOptionsDropped() {
      super(MutantKit.Setup.of(ReasoningOptionsDroppedMutant::new));
    }
  }

  @Test
  void H0_8_failsFor_reasoningOptionsDropped() {
    assertFailsExactly(Kit_H0_8_failsFor_reasoningOptionsDropped.class, "H0.8");
  }

  /** the key sent in a query parameter a logged URL keeps. */
  static class Kit_H0_6_failsFor_keyInQuery extends MutantKit {
    Kit_H0_6_failsFor_keyInQuery() {
      super(MutantKit.Setup.of(KeyInQueryMutant::new));
    }
  }

  @Test
  void H0_6_failsFor_keyInQuery() {
    assertFailsExactly(Kit_H0_6_failsFor_keyInQuery.class, "H0.6");
  }

  /** framing state lost at read boundaries. */
  static class Kit_W1_1_failsFor_framerPerRead extends MutantKit {
    Kit_W1_1_failsFor_framerPerRead() {
      super(MutantKit.Setup.of(ReferenceProvider::new).framers(new FramerPerReadMutant()));
    }
  }

  @Test
  void W1_1_failsFor_framerPerRead() {
    assertFailsExactly(Kit_W1_1_failsFor_framerPerRead.class, "W1.1");
  }

  /** comments read as data. */
  static class Kit_W1_2_failsFor_commentAsData extends MutantKit {
    Kit_W1_2_failsFor_commentAsData() {
      super(MutantKit.Setup.of(ReferenceProvider::new).framers(new CommentAsDataFramerMutant()));
    }
  }

  @Test
  void W1_2_failsFor_commentAsData() {
    assertFailsExactly(Kit_W1_2_failsFor_commentAsData.class, "W1.2");
  }

  /** a lone CR not ending a line. */
  static class Kit_W1_3_failsFor_loneCrIgnored extends MutantKit {
    Kit_W1_3_failsFor_loneCrIgnored() {
      super(MutantKit.Setup.of(ReferenceProvider::new).framers(new LoneCrIgnoredFramerMutant()));
    }
  }

  @Test
  void W1_3_failsFor_loneCrIgnored() {
    assertFailsExactly(Kit_W1_3_failsFor_loneCrIgnored.class, "W1.3");
  }

  /** a leading BOM kept. */
  static class Kit_W1_4_failsFor_bomKept extends MutantKit {
    Kit_W1_4_failsFor_bomKept() {
      super(MutantKit.Setup.of(ReferenceProvider::new).framers(new BomKeptFramerMutant()));
    }
  }

  @Test
  void W1_4_failsFor_bomKept() {
    assertFailsExactly(Kit_W1_4_failsFor_bomKept.class, "W1.4");
  }

  /** the value cut at a fixed offset. */
  static class Kit_W1_5_failsFor_fixedOffset extends MutantKit {
    Kit_W1_5_failsFor_fixedOffset() {
      super(MutantKit.Setup.of(ReferenceProvider::new).framers(new FixedOffsetFramerMutant()));
    }
  }

  @Test
  void W1_5_failsFor_fixedOffset() {
    assertFailsExactly(Kit_W1_5_failsFor_fixedOffset.class, "W1.5");
  }

  /** [DONE] matched as a substring (content holding [DONE] is cut too, so W1.9 fails with it). */
  static class Kit_W1_6_failsFor_doneAsSubstring extends MutantKit {
    Kit_W1_6_failsFor_doneAsSubstring() {
      super(MutantKit.Setup.of(DoneAsSubstringMutant::new));
    }
  }

  @Test
  void W1_6_failsFor_doneAsSubstring() {
    assertFailsExactly(Kit_W1_6_failsFor_doneAsSubstring.class, "W1.6", "W1.9");
  }

  /** unknown JSON members rejected. */
  static class Kit_W1_7_failsFor_strictFields extends MutantKit {
    Kit_W1_7_failsFor_strictFields() {
      super(MutantKit.Setup.of(StrictFieldsMutant::new));
    }
  }

  @Test
  void W1_7_failsFor_strictFields() {
    assertFailsExactly(Kit_W1_7_failsFor_strictFields.class, "W1.7");
  }

  /** unknown event types rejected. */
  static class Kit_W1_8_failsFor_unknownEventRejected extends MutantKit {
    Kit_W1_8_failsFor_unknownEventRejected() {
      super(MutantKit.Setup.of(UnknownEventRejectedMutant::new));
    }
  }

  @Test
  void W1_8_failsFor_unknownEventRejected() {
    assertFailsExactly(Kit_W1_8_failsFor_unknownEventRejected.class, "W1.8");
  }

  /** text deltas trimmed. */
  static class Kit_W1_9_failsFor_trimming extends MutantKit {
    Kit_W1_9_failsFor_trimming() {
      super(MutantKit.Setup.of(TrimmingMutant::new));
    }
  }

  @Test
  void W1_9_failsFor_trimming() {
    assertFailsExactly(Kit_W1_9_failsFor_trimming.class, "W1.9");
  }

  /** a last NDJSON line without newline dropped. */
  static class Kit_W1_10_failsFor_lastLineDropped extends MutantKit {
    Kit_W1_10_failsFor_lastLineDropped() {
      super(MutantKit.Setup.of(ReferenceNdjsonProvider::new).framers(new LastLineDroppedFramerMutant()));
    }
  }

  @Test
  void W1_10_failsFor_lastLineDropped() {
    assertFailsExactly(Kit_W1_10_failsFor_lastLineDropped.class, "W1.10");
  }

  /** AWS event-stream CRCs not checked. */
  static class Kit_W1_11_failsFor_crcIgnored extends MutantKit {
    Kit_W1_11_failsFor_crcIgnored() {
      super(MutantKit.Setup.of(ReferenceEventStreamProvider::new).framers(new CrcIgnoredFramerMutant()));
    }
  }

  @Test
  void W1_11_failsFor_crcIgnored() {
    assertFailsExactly(Kit_W1_11_failsFor_crcIgnored.class, "W1.11");
  }

  /** the finish reason emitted twice. */
  static class Kit_S2_1_failsFor_doubleFinish extends MutantKit {
    Kit_S2_1_failsFor_doubleFinish() {
      super(MutantKit.Setup.of(DoubleFinishMutant::new));
    }
  }

  @Test
  void S2_1_failsFor_doubleFinish() {
    assertFailsExactly(Kit_S2_1_failsFor_doubleFinish.class, "S2.1");
  }

  /** the terminator ignored. */
  static class Kit_S2_2_failsFor_neverEnds extends MutantKit {
    Kit_S2_2_failsFor_neverEnds() {
      super(MutantKit.Setup.of(NeverEndsMutant::new));
    }
  }

  @Test
  void S2_2_failsFor_neverEnds() {
    // Offline decoding ends as the runtime does (a body without its terminator is TRUNCATED), so the golden's fold
    // no longer matches either.
    assertFailsExactly(Kit_S2_2_failsFor_neverEnds.class, "S2.2", "S2.8");
  }

  /** argument fragments repeated (the fold differs too). */
  static class Kit_S2_3_failsFor_argumentsRepeated extends MutantKit {
    Kit_S2_3_failsFor_argumentsRepeated() {
      super(MutantKit.Setup.of(ArgumentsRepeatedMutant::new));
    }
  }

  @Test
  void S2_3_failsFor_argumentsRepeated() {
    assertFailsExactly(Kit_S2_3_failsFor_argumentsRepeated.class, "S2.3", "S2.8");
  }

  /** a tool-call id that changes mid-call. */
  static class Kit_S2_4_failsFor_changingId extends MutantKit {
    Kit_S2_4_failsFor_changingId() {
      super(MutantKit.Setup.of(ChangingIdMutant::new));
    }
  }

  @Test
  void S2_4_failsFor_changingId() {
    assertFailsExactly(Kit_S2_4_failsFor_changingId.class, "S2.4");
  }

  /** an unknown finish reason mapped to STOP. */
  static class Kit_S2_5_failsFor_unknownFinishAsStop extends MutantKit {
    Kit_S2_5_failsFor_unknownFinishAsStop() {
      super(MutantKit.Setup.of(UnknownFinishAsStopMutant::new));
    }
  }

  @Test
  void S2_5_failsFor_unknownFinishAsStop() {
    assertFailsExactly(Kit_S2_5_failsFor_unknownFinishAsStop.class, "S2.5");
  }

  /** TOOL_CALLS without a call (the fold's finish reason differs too). */
  static class Kit_S2_6_failsFor_toolCallsWithoutCall extends MutantKit {
    Kit_S2_6_failsFor_toolCallsWithoutCall() {
      super(MutantKit.Setup.of(ToolCallsWithoutCallMutant::new));
    }
  }

  @Test
  void S2_6_failsFor_toolCallsWithoutCall() {
    assertFailsExactly(Kit_S2_6_failsFor_toolCallsWithoutCall.class, "S2.6", "S2.8");
  }

  /** negative usage reaching Usage's constructor. */
  static class Kit_S2_7_failsFor_negativeUsage extends MutantKit {
    Kit_S2_7_failsFor_negativeUsage() {
      super(MutantKit.Setup.of(NegativeUsageMutant::new));
    }
  }

  @Test
  void S2_7_failsFor_negativeUsage() {
    assertFailsExactly(Kit_S2_7_failsFor_negativeUsage.class, "S2.7");
  }

  /** reasoning dropped from the fold. */
  static class Kit_S2_8_failsFor_droppedReasoning extends MutantKit {
    Kit_S2_8_failsFor_droppedReasoning() {
      super(MutantKit.Setup.of(DroppedReasoningMutant::new));
    }
  }

  @Test
  void S2_8_failsFor_droppedReasoning() {
    assertFailsExactly(Kit_S2_8_failsFor_droppedReasoning.class, "S2.8");
  }

  /** a 404 classified as a server error. */
  static class Kit_E3_1_failsFor_statusOffByClass extends MutantKit {
    Kit_E3_1_failsFor_statusOffByClass() {
      super(MutantKit.Setup.of(StatusOffByClassMutant::new));
    }
  }

  @Test
  void E3_1_failsFor_statusOffByClass() {
    assertFailsExactly(Kit_E3_1_failsFor_statusOffByClass.class, "E3.1");
  }

  /** a quota code ignored. */
  static class Kit_E3_2_failsFor_quotaIgnored extends MutantKit {
    Kit_E3_2_failsFor_quotaIgnored() {
      super(MutantKit.Setup.of(QuotaIgnoredMutant::new));
    }
  }

  @Test
  void E3_2_failsFor_quotaIgnored() {
    assertFailsExactly(Kit_E3_2_failsFor_quotaIgnored.class, "E3.2");
  }

  /** a classifier that throws on a broken body. */
  static class Kit_E3_3_failsFor_throwingClassifier extends MutantKit {
    Kit_E3_3_failsFor_throwingClassifier() {
      super(MutantKit.Setup.of(ThrowingClassifierMutant::new));
    }
  }

  @Test
  void E3_3_failsFor_throwingClassifier() {
    assertFailsExactly(Kit_E3_3_failsFor_throwingClassifier.class, "E3.3");
  }

  /** an HTTP error that loses its status. */
  static class Kit_E3_4_failsFor_statusLost extends MutantKit {
    Kit_E3_4_failsFor_statusLost() {
      super(MutantKit.Setup.of(ReferenceProvider::new).streams(StatusLostStreamMutant.opener()));
    }
  }

  @Test
  void E3_4_failsFor_statusLost() {
    assertFailsExactly(Kit_E3_4_failsFor_statusLost.class, "E3.4");
  }

  /** an error after output marked retryable. */
  static class Kit_E3_5_failsFor_retryableAfterOutput extends MutantKit {
    Kit_E3_5_failsFor_retryableAfterOutput() {
      super(MutantKit.Setup.of(ReferenceProvider::new).streams(RetryableAfterOutputStreamMutant.opener()));
    }
  }

  @Test
  void E3_5_failsFor_retryableAfterOutput() {
    assertFailsExactly(Kit_E3_5_failsFor_retryableAfterOutput.class, "E3.5");
  }

  /** a malformed event skipped silently (a dropped parse error). */
  static class Kit_E3_6_failsFor_silentSkip extends MutantKit {
    Kit_E3_6_failsFor_silentSkip() {
      super(MutantKit.Setup.of(SilentSkipMutant::new));
    }
  }

  @Test
  void E3_6_failsFor_silentSkip() {
    assertFailsExactly(Kit_E3_6_failsFor_silentSkip.class, "E3.6");
  }

  /** an IllegalStateException escaping the plugin. */
  static class Kit_E3_7_failsFor_uncheckedException extends MutantKit {
    Kit_E3_7_failsFor_uncheckedException() {
      super(MutantKit.Setup.of(UncheckedExceptionMutant::new));
    }
  }

  @Test
  void E3_7_failsFor_uncheckedException() {
    assertFailsExactly(Kit_E3_7_failsFor_uncheckedException.class, "E3.7");
  }

  /** a decoder that hangs on bad input. */
  static class Kit_E3_7_failsFor_hang extends MutantKit {
    Kit_E3_7_failsFor_hang() {
      super(MutantKit.Setup.of(HangingMutant::new));
    }
  }

  @Test
  void E3_7_failsFor_hang() {
    assertFailsExactly(Kit_E3_7_failsFor_hang.class, "E3.7");
  }

  /** request(0) ignored (RS 3.9). */
  static class Kit_L4_1_failsFor_requestZeroIgnored extends MutantKit {
    Kit_L4_1_failsFor_requestZeroIgnored() {
      super(MutantKit.Setup.of(ReferenceProvider::new).streams(RequestZeroIgnoredStreamMutant.opener()));
    }
  }

  @Test
  void L4_1_failsFor_requestZeroIgnored() {
    assertFailsExactly(Kit_L4_1_failsFor_requestZeroIgnored.class, "L4.1");
  }

  /** a call sent before demand (the TCK's scripted responses go astray too). */
  static class Kit_L4_2_failsFor_eager extends MutantKit {
    Kit_L4_2_failsFor_eager() {
      super(MutantKit.Setup.of(ReferenceProvider::new).streams(EagerStreamMutant.opener()));
    }
  }

  @Test
  void L4_2_failsFor_eager() {
    assertFailsExactly(Kit_L4_2_failsFor_eager.class, "L4.2", "L4.1", "L6.2");
  }

  /** demand ignored (the TCK's RS 1.1 rules fail too). */
  static class Kit_L4_3_failsFor_demandIgnored extends MutantKit {
    Kit_L4_3_failsFor_demandIgnored() {
      super(MutantKit.Setup.of(ReferenceProvider::new).streams(DemandIgnoringStreamMutant.opener()));
    }
  }

  @Test
  void L4_3_failsFor_demandIgnored() {
    assertFailsExactly(Kit_L4_3_failsFor_demandIgnored.class, "L4.3", "L4.1", "L6.3");
  }

  /** a cancel that does not abort. */
  static class Kit_L4_4_failsFor_cancelIgnored extends MutantKit {
    Kit_L4_4_failsFor_cancelIgnored() {
      super(MutantKit.Setup.of(ReferenceProvider::new).streams(CancelIgnoredStreamMutant.opener()));
    }
  }

  @Test
  void L4_4_failsFor_cancelIgnored() {
    // a cancel that never reaches the exchange also leaves the decoder open (L4.14)
    assertFailsExactly(Kit_L4_4_failsFor_cancelIgnored.class, "L4.4", "L4.14", "L6.4", "L6.14");
  }

  /** a signal after cancel. */
  static class Kit_L4_5_failsFor_signalAfterCancel extends MutantKit {
    Kit_L4_5_failsFor_signalAfterCancel() {
      super(MutantKit.Setup.of(ReferenceProvider::new).streams(SignalAfterCancelStreamMutant.opener()));
    }
  }

  @Test
  void L4_5_failsFor_signalAfterCancel() {
    assertFailsExactly(Kit_L4_5_failsFor_signalAfterCancel.class, "L4.5", "L6.5");
  }

  /** a second subscriber served by a new call (the TCK's failed publisher no longer fails). */
  static class Kit_L4_6_failsFor_multicast extends MutantKit {
    Kit_L4_6_failsFor_multicast() {
      super(MutantKit.Setup.of(ReferenceProvider::new).streams(MulticastStreamMutant.opener()));
    }
  }

  @Test
  void L4_6_failsFor_multicast() {
    assertFailsExactly(Kit_L4_6_failsFor_multicast.class, "L4.6", "L4.1", "L6.6");
  }

  /** a body without terminator accepted. */
  static class Kit_L4_7_failsFor_eofAccepted extends MutantKit {
    Kit_L4_7_failsFor_eofAccepted() {
      super(MutantKit.Setup.of(EofAcceptedMutant::new).overHttp2());
    }
  }

  @Test
  void L4_7_failsFor_eofAccepted() {
    assertFailsExactly(Kit_L4_7_failsFor_eofAccepted.class, "L4.7", "L6.7");
  }

  /** chunks held until the next event. */
  static class Kit_L4_8_failsFor_delayedEmission extends MutantKit {
    Kit_L4_8_failsFor_delayedEmission() {
      super(MutantKit.Setup.of(DelayedEmissionMutant::new).overHttp2());
    }
  }

  @Test
  void L4_8_failsFor_delayedEmission() {
    assertFailsExactly(Kit_L4_8_failsFor_delayedEmission.class, "L4.8", "L6.8");
  }

  /** the call's phase timeouts dropped. */
  static class Kit_L4_10_failsFor_timeoutsIgnored extends MutantKit {
    Kit_L4_10_failsFor_timeoutsIgnored() {
      super(MutantKit.Setup.of(ReferenceProvider::new).enhancedStreams(new TimeoutsIgnoredStreamMutant()));
    }
  }

  @Test
  void L4_10_failsFor_timeoutsIgnored() {
    assertFailsExactly(Kit_L4_10_failsFor_timeoutsIgnored.class, "L4.10", "L6.10");
  }

  /** a failure after output retried into duplicated text (a TIMEOUT after output is retried too, so L4.10 fails). */
  static class Kit_L4_11_failsFor_retryAfterOutput extends MutantKit {
    Kit_L4_11_failsFor_retryAfterOutput() {
      super(MutantKit.Setup.of(ReferenceProvider::new).enhancedStreams(new RetryAfterOutputStreamMutant()));
    }
  }

  @Test
  void L4_11_failsFor_retryAfterOutput() {
    assertFailsExactly(Kit_L4_11_failsFor_retryAfterOutput.class, "L4.11", "L4.10", "L6.11", "L6.10");
  }

  /** listeners told the outcome twice. */
  static class Kit_L4_12_failsFor_listenerTwice extends MutantKit {
    Kit_L4_12_failsFor_listenerTwice() {
      super(MutantKit.Setup.of(ReferenceProvider::new).enhancedStreams(new ListenerTwiceStreamMutant()));
    }
  }

  @Test
  void L4_12_failsFor_listenerTwice() {
    assertFailsExactly(Kit_L4_12_failsFor_listenerTwice.class, "L4.12", "L6.12");
  }

  /** a runtime that never releases a stream's decoder. */
  static class Kit_L4_14_failsFor_decoderNeverClosed extends MutantKit {
    Kit_L4_14_failsFor_decoderNeverClosed() {
      super(MutantKit.Setup.of(ReferenceProvider::new).streams(new DecoderNeverClosedStreamMutant()));
    }
  }

  @Test
  void L4_14_failsFor_decoderNeverClosed() {
    assertFailsExactly(Kit_L4_14_failsFor_decoderNeverClosed.class, "L4.14", "L6.14");
  }

  /**
   * a request with a connection-specific header ({@code Connection: keep-alive}): harmless over HTTP/1.1, malformed
   * over HTTP/2, so it passes every L4 rule and fails their HTTP/2 pass.
   */
  static class Kit_L6_failsFor_connectionHeader extends MutantKit {
    Kit_L6_failsFor_connectionHeader() {
      super(MutantKit.Setup.of(ConnectionHeaderMutant::new).overHttp2());
    }
  }

  @Test
  void L6_failsFor_connectionHeader() {
    assertFailsExactly(Kit_L6_failsFor_connectionHeader.class, "L6.2", "L6.3", "L6.4", "L6.5", "L6.6", "L6.7",
        "L6.8", "L6.14");
  }
}
