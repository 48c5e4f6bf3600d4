package io.clusterwatch.agent.jobs;

import java.util.Optional;

/**
 * A Kubernetes pod cgroup.
 *
 * @param podUid pod UID with dashes ({@code 1c1e6e7b-...}), whatever escaping the driver used
 * @param qos {@code guaranteed}, {@code burstable} or {@code besteffort}
 * @param containerId container id when the path goes below the pod, without runtime prefix
 */
public record PodCgroup(String podUid, String qos, Optional<String> containerId)
    implements CgroupOwner {}
