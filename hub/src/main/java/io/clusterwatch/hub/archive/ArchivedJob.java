package io.clusterwatch.hub.archive;

import io.clusterwatch.hub.jobs.Job;

/** A finished job as the archive keeps it: the job with its allocation timeline, and its report. */
public record ArchivedJob(Job job, JobReport report) {}
