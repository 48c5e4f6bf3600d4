package io.clusterwatch.agent.collect;

import io.clusterwatch.agent.host.HostPaths;
import java.time.Clock;

/**
 * What a collector may use besides its own settings: the rooted host paths, the clock, the node's
 * name and the log.
 */
public record CollectorContext(HostPaths paths, Clock clock, String hostname, System.Logger log) {}
