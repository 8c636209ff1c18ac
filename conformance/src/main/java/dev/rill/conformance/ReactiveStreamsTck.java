package dev.rill.conformance;

import dev.rill.api.StreamingProvider;
import dev.rill.conformance.internal.RuleContext;
import dev.rill.testkit.golden.Golden;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.reactivestreams.tck.flow.support.PublisherVerificationRules;
import org.testng.SkipException;

/**
 * Rule L4.1: every rule method of the Reactive Streams TCK's {@link PublisherVerificationRules}, called in turn on a
 * {@link ChatStreamVerification} for the plugin under test, as TestNG would (set-up, then the rule). Required and
 * stochastic TCK rules must pass; optional and untested ones may skip.
 */
final class ReactiveStreamsTck {

  /** One TCK rule: its method name and the call. */
  private record TckRule(String name, Call call) {}

  @FunctionalInterface
  private interface Call {
    void run(PublisherVerificationRules rules) throws Throwable;
  }

  private static final List<TckRule> RULES = List.of(
      new TckRule("required_validate_maxElementsFromPublisher", PublisherVerificationRules::required_validate_maxElementsFromPublisher),
      new TckRule("required_validate_boundedDepthOfOnNextAndRequestRecursion", PublisherVerificationRules::required_validate_boundedDepthOfOnNextAndRequestRecursion),
      new TckRule("required_createPublisher1MustProduceAStreamOfExactly1Element", PublisherVerificationRules::required_createPublisher1MustProduceAStreamOfExactly1Element),
      new TckRule("required_createPublisher3MustProduceAStreamOfExactly3Elements", PublisherVerificationRules::required_createPublisher3MustProduceAStreamOfExactly3Elements),
      new TckRule("required_spec101_subscriptionRequestMustResultInTheCorrectNumberOfProducedElements", PublisherVerificationRules::required_spec101_subscriptionRequestMustResultInTheCorrectNumberOfProducedElements),
      new TckRule("required_spec102_maySignalLessThanRequestedAndTerminateSubscription", PublisherVerificationRules::required_spec102_maySignalLessThanRequestedAndTerminateSubscription),
      new TckRule("stochastic_spec103_mustSignalOnMethodsSequentially", PublisherVerificationRules::stochastic_spec103_mustSignalOnMethodsSequentially),
      new TckRule("optional_spec104_mustSignalOnErrorWhenFails", PublisherVerificationRules::optional_spec104_mustSignalOnErrorWhenFails),
      new TckRule("required_spec105_mustSignalOnCompleteWhenFiniteStreamTerminates", PublisherVerificationRules::required_spec105_mustSignalOnCompleteWhenFiniteStreamTerminates),
      new TckRule("optional_spec105_emptyStreamMustTerminateBySignallingOnComplete", PublisherVerificationRules::optional_spec105_emptyStreamMustTerminateBySignallingOnComplete),
      new TckRule("untested_spec106_mustConsiderSubscriptionCancelledAfterOnErrorOrOnCompleteHasBeenCalled", PublisherVerificationRules::untested_spec106_mustConsiderSubscriptionCancelledAfterOnErrorOrOnCompleteHasBeenCalled),
      new TckRule("required_spec107_mustNotEmitFurtherSignalsOnceOnCompleteHasBeenSignalled", PublisherVerificationRules::required_spec107_mustNotEmitFurtherSignalsOnceOnCompleteHasBeenSignalled),
      new TckRule("untested_spec107_mustNotEmitFurtherSignalsOnceOnErrorHasBeenSignalled", PublisherVerificationRules::untested_spec107_mustNotEmitFurtherSignalsOnceOnErrorHasBeenSignalled),
      new TckRule("untested_spec108_possiblyCanceledSubscriptionShouldNotReceiveOnErrorOrOnCompleteSignals", PublisherVerificationRules::untested_spec108_possiblyCanceledSubscriptionShouldNotReceiveOnErrorOrOnCompleteSignals),
      new TckRule("required_spec109_mustIssueOnSubscribeForNonNullSubscriber", PublisherVerificationRules::required_spec109_mustIssueOnSubscribeForNonNullSubscriber),
      new TckRule("untested_spec109_subscribeShouldNotThrowNonFatalThrowable", PublisherVerificationRules::untested_spec109_subscribeShouldNotThrowNonFatalThrowable),
      new TckRule("required_spec109_subscribeThrowNPEOnNullSubscriber", PublisherVerificationRules::required_spec109_subscribeThrowNPEOnNullSubscriber),
      new TckRule("required_spec109_mayRejectCallsToSubscribeIfPublisherIsUnableOrUnwillingToServeThemRejectionMustTriggerOnErrorAfterOnSubscribe", PublisherVerificationRules::required_spec109_mayRejectCallsToSubscribeIfPublisherIsUnableOrUnwillingToServeThemRejectionMustTriggerOnErrorAfterOnSubscribe),
      new TckRule("untested_spec110_rejectASubscriptionRequestIfTheSameSubscriberSubscribesTwice", PublisherVerificationRules::untested_spec110_rejectASubscriptionRequestIfTheSameSubscriberSubscribesTwice),
      new TckRule("optional_spec111_maySupportMultiSubscribe", PublisherVerificationRules::optional_spec111_maySupportMultiSubscribe),
      new TckRule("optional_spec111_registeredSubscribersMustReceiveOnNextOrOnCompleteSignals", PublisherVerificationRules::optional_spec111_registeredSubscribersMustReceiveOnNextOrOnCompleteSignals),
      new TckRule("optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingOneByOne", PublisherVerificationRules::optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingOneByOne),
      new TckRule("optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfront", PublisherVerificationRules::optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfront),
      new TckRule("optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfrontAndCompleteAsExpected", PublisherVerificationRules::optional_spec111_multicast_mustProduceTheSameElementsInTheSameSequenceToAllOfItsSubscribersWhenRequestingManyUpfrontAndCompleteAsExpected),
      new TckRule("required_spec302_mustAllowSynchronousRequestCallsFromOnNextAndOnSubscribe", PublisherVerificationRules::required_spec302_mustAllowSynchronousRequestCallsFromOnNextAndOnSubscribe),
      new TckRule("required_spec303_mustNotAllowUnboundedRecursion", PublisherVerificationRules::required_spec303_mustNotAllowUnboundedRecursion),
      new TckRule("untested_spec304_requestShouldNotPerformHeavyComputations", PublisherVerificationRules::untested_spec304_requestShouldNotPerformHeavyComputations),
      new TckRule("untested_spec305_cancelMustNotSynchronouslyPerformHeavyComputation", PublisherVerificationRules::untested_spec305_cancelMustNotSynchronouslyPerformHeavyComputation),
      new TckRule("required_spec306_afterSubscriptionIsCancelledRequestMustBeNops", PublisherVerificationRules::required_spec306_afterSubscriptionIsCancelledRequestMustBeNops),
      new TckRule("required_spec307_afterSubscriptionIsCancelledAdditionalCancelationsMustBeNops", PublisherVerificationRules::required_spec307_afterSubscriptionIsCancelledAdditionalCancelationsMustBeNops),
      new TckRule("required_spec309_requestZeroMustSignalIllegalArgumentException", PublisherVerificationRules::required_spec309_requestZeroMustSignalIllegalArgumentException),
      new TckRule("required_spec309_requestNegativeNumberMustSignalIllegalArgumentException", PublisherVerificationRules::required_spec309_requestNegativeNumberMustSignalIllegalArgumentException),
      new TckRule("optional_spec309_requestNegativeNumberMaySignalIllegalArgumentExceptionWithSpecificMessage", PublisherVerificationRules::optional_spec309_requestNegativeNumberMaySignalIllegalArgumentExceptionWithSpecificMessage),
      new TckRule("required_spec312_cancelMustMakeThePublisherToEventuallyStopSignaling", PublisherVerificationRules::required_spec312_cancelMustMakeThePublisherToEventuallyStopSignaling),
      new TckRule("required_spec313_cancelMustMakeThePublisherEventuallyDropAllReferencesToTheSubscriber", PublisherVerificationRules::required_spec313_cancelMustMakeThePublisherEventuallyDropAllReferencesToTheSubscriber),
      new TckRule("required_spec317_mustSupportAPendingElementCountUpToLongMaxValue", PublisherVerificationRules::required_spec317_mustSupportAPendingElementCountUpToLongMaxValue),
      new TckRule("required_spec317_mustSupportACumulativePendingElementCountUpToLongMaxValue", PublisherVerificationRules::required_spec317_mustSupportACumulativePendingElementCountUpToLongMaxValue),
      new TckRule("required_spec317_mustNotSignalOnErrorWhenPendingAboveLongMaxValue", PublisherVerificationRules::required_spec317_mustNotSignalOnErrorWhenPendingAboveLongMaxValue));

  private ReactiveStreamsTck() {}

  /**
   * Rule L4.1: runs every non-stochastic TCK rule on the basic stream and on the enhanced one; fails listing the
   * required ones that failed.
   */
  static void check(RuleContext ctx) throws Exception {
    run(ctx, false, null);
    run(ctx, false, dev.rill.runtime.StreamOptions.enhanced());
  }

  /** Rule L4.9: the kit's concurrent-cancel race, then the TCK's stochastic rules. */
  static void serialSignals(RuleContext ctx) throws Exception {
    dev.rill.conformance.internal.LifecycleChecks.concurrentCancelStaysSerial(ctx);
    run(ctx, true, null);
  }

  private static void run(RuleContext ctx, boolean stochastic, dev.rill.runtime.StreamOptions options)
      throws Exception {
    String which = options == null ? "the basic stream" : "the enhanced stream";
    if (dev.rill.conformance.internal.ChunkBodies.find(ctx).isEmpty()) {
      Assumptions.abort("cannot build n-chunk streams for '" + ctx.id() + "': no golden has a plain content delta "
          + "that repeats into a stream the decoder accepts");
    }
    ChatStreamVerification v = new BoundVerification(ctx, options);
    List<String> failed = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    int passed = 0;
    try {
      for (TckRule rule : RULES) {
        if (rule.name().startsWith("stochastic_") != stochastic) {
          continue;
        }
        boolean mustPass = rule.name().startsWith("required_") || stochastic;
        try {
          try {
            v.setUp();
            rule.call().run(v);
          } catch (AssertionError first) {
            // The TCK waits a fixed time for signals that must come; on a loaded machine a sound publisher can
            // miss it once. A rule that failed on a timeout is run once more; a real defect fails both times.
            if (!String.valueOf(first.getMessage()).contains(" within ")) {
              throw first;
            }
            v.setUp();
            rule.call().run(v);
          }
          passed++;
        } catch (SkipException e) {
          skipped.add(rule.name() + " (" + e.getMessage() + ")");
        } catch (Throwable t) {
          if (t instanceof VirtualMachineError vme) {
            throw vme;
          }
          if (mustPass) {
            failed.add(rule.name() + ": " + t);
          } else {
            skipped.add(rule.name() + " (failed, not required: " + t.getMessage() + ")");
          }
        }
      }
    } finally {
      v.closeLoopback();
    }
    if (passed == 0 && failed.isEmpty()) {
      Assumptions.abort("no Reactive Streams TCK rule could run: " + skipped);
    }
    if (!failed.isEmpty()) {
      throw new AssertionError(failed.size() + " Reactive Streams TCK rule(s) that must pass failed on " + which + " ("
          + passed + " passed, " + skipped.size() + " skipped):\n  " + String.join("\n  ", failed));
    }
  }

  /** The verification bound to the rule context's plugin, goldens and seams. */
  private static final class BoundVerification extends ChatStreamVerification {
    private final RuleContext ctx;
    private final dev.rill.runtime.StreamOptions options;

    BoundVerification(RuleContext ctx, dev.rill.runtime.StreamOptions options) {
      super(ctx.environment(), ctx.streams(), ctx.framers());
      this.ctx = ctx;
      this.options = options;
    }

    @Override
    protected dev.rill.runtime.StreamOptions streamOptions() {
      return options;
    }

    @Override
    protected StreamingProvider provider() {
      return ctx.provider();
    }

    @Override
    protected List<Golden> goldens() {
      return ctx.goldens();
    }

    @Override
    protected java.util.Map<String, String> providerOptions() {
      return ctx.options();
    }
  }
}
