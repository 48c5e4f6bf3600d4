package io.clusterwatch.hub;

/**
 * {@code server.tls}: when set, the one port serves HTTPS and WSS only. The files are PEM and are
 * read again when they change.
 *
 * @param certFile the certificate, chain allowed ({@code cert_file})
 * @param keyFile its private key, RSA or EC ({@code key_file})
 * @param clientCaFile when set, agents must present a certificate signed by this CA whose common
 *     name or DNS name matches the host they claim ({@code client_ca_file})
 */
public record TlsSettings(String certFile, String keyFile, String clientCaFile) {}
