package io.clusterwatch.hub;

import io.clusterwatch.hub.agents.AgentRegistry;
import io.clusterwatch.hub.cluster.ClusterView;
import io.clusterwatch.hub.cluster.GpuIdleTracker;
import io.clusterwatch.hub.cluster.GpuStates;
import io.clusterwatch.hub.cluster.NodeLayouts;
import io.clusterwatch.hub.config.HubConfig;
import io.clusterwatch.hub.jobs.JobRegistry;
import io.clusterwatch.hub.jobs.JobSeries;
import io.clusterwatch.hub.jobs.JobSummaries;
import io.clusterwatch.hub.jobs.StaticJobs;
import io.clusterwatch.hub.metrics.ClusterCollector;
import io.clusterwatch.hub.metrics.HubMeters;
import io.clusterwatch.hub.store.SampleStore;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Clock;

/**
 * Everything the hub's verticles share, wired once by constructor injection: the store, the
 * registries, the views over them and the meters.
 */
public record HubServices(
    HubConfig config,
    Clock clock,
    SampleStore store,
    AgentRegistry agents,
    JobRegistry jobs,
    GpuIdleTracker idle,
    NodeLayouts layouts,
    ClusterView cluster,
    JobSeries jobSeries,
    JobSummaries jobSummaries,
    HubMeters meters,
    PrometheusMeterRegistry prometheus) {

  /** Wires the services around {@code store}, loading the static jobs of the configuration. */
  public static HubServices create(HubConfig config, Clock clock, SampleStore store,
      PrometheusMeterRegistry prometheus) {
    AgentRegistry agents = new AgentRegistry(clock, config.agents().staleAfterIntervals(),
        config.ingest().maxAgents());
    JobRegistry jobs = new JobRegistry(config.jobs().maxFinished());
    StaticJobs.apply(config.jobs().staticJobs(), jobs, clock.millis());
    GpuIdleTracker idle = new GpuIdleTracker(config.gpu().idleThresholdRatio());
    NodeLayouts layouts = new NodeLayouts(store, agents, clock);
    GpuStates states = new GpuStates(store, jobs, idle, config.gpu().memoryHeldIdleBytes());
    ClusterView cluster = new ClusterView(store, agents, layouts, states, clock);
    HubMeters meters = new HubMeters(prometheus, agents, store);
    prometheus.getPrometheusRegistry().register(new ClusterCollector(cluster, agents));
    return new HubServices(config, clock, store, agents, jobs, idle, layouts, cluster,
        new JobSeries(store), new JobSummaries(store, clock, config.gpu().idleThresholdRatio()),
        meters, prometheus);
  }
}
