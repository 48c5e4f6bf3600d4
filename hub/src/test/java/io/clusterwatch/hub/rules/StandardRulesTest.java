package io.clusterwatch.hub.rules;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StandardRulesTest {
  @Test
  void standardRulesHaveUniqueNames() {
    List<Rule> rules = StandardRules.create(RulesConfig.defaults());
    assertEquals(18, rules.size());
    new RuleEngine(rules, Duration.ZERO);
  }
}
