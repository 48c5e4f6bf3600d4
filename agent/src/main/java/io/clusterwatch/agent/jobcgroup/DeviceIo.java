package io.clusterwatch.agent.jobcgroup;

/**
 * What a cgroup read from and wrote to one block device since it was created.
 *
 * @param device {@code MAJ:MIN} as the cgroup file prints it
 * @param readBytes bytes read
 * @param writtenBytes bytes written
 * @param reads read operations
 * @param writes write operations
 */
record DeviceIo(String device, long readBytes, long writtenBytes, long reads, long writes) {}
