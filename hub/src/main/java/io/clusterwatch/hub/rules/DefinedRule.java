package io.clusterwatch.hub.rules;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.function.BiFunction;

/** A rule given by its name, group, hold duration and condition function. */
record DefinedRule(
    String name,
    String group,
    Duration holdFor,
    BiFunction<RuleInputs, Instant, List<RuleHit>> condition)
    implements Rule {
  DefinedRule {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(group, "group");
    if (holdFor.isNegative()) {
      throw new IllegalArgumentException("rule " + name + ": negative hold duration " + holdFor);
    }
  }

  @Override
  public List<RuleHit> evaluate(RuleInputs inputs, Instant now) {
    return condition.apply(inputs, now);
  }
}
