package dev.kuvert.mailbox;

import dev.kuvert.contracts.KuvertHeaders;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Calls mailbox-service over HTTP the way the gateway and the other services do. */
public record TestServiceClient(int port, String serviceCredential) {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** A public API call on behalf of a super-administrator. */
    public HttpResponse<String> api(String method, String path, String json) throws IOException, InterruptedException {
        return send(method, path, json, serviceCredential, KuvertHeaders.ALL_DOMAINS);
    }

    /** An internal call from another service. */
    public HttpResponse<String> internal(String method, String path, String json) throws IOException, InterruptedException {
        return send(method, path, json, serviceCredential, null);
    }

    public HttpResponse<String> send(String method, String path, String json, String credential, String adminDomains)
            throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .header("Content-Type", "application/json");
        if (credential != null) {
            request.header(KuvertHeaders.SERVICE_CREDENTIAL, credential);
        }
        if (adminDomains != null) {
            request.header(KuvertHeaders.ADMIN, "tester").header(KuvertHeaders.ADMIN_DOMAINS, adminDomains);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Local delivery as delivery-service does it. */
    public HttpResponse<String> deliver(String account, String queueId, byte[] message) throws IOException, InterruptedException {
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/internal/v1/accounts/" + account
                        + "/messages?queueId=" + queueId))
                .POST(HttpRequest.BodyPublishers.ofByteArray(message))
                .header("Content-Type", "message/rfc822")
                .header(KuvertHeaders.SERVICE_CREDENTIAL, serviceCredential)
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Several messages to one account in one request, as delivery-service does it: {queueId, bytes} pairs. */
    public HttpResponse<String> deliverBatch(String account, java.util.List<java.util.Map.Entry<String, byte[]>> messages)
            throws IOException, InterruptedException {
        var body = new java.io.ByteArrayOutputStream();
        for (var message : messages) {
            body.writeBytes(("{\"queueId\":\"" + message.getKey() + "\",\"folder\":\"INBOX\",\"sender\":\"a@example.org\",\"size\":"
                    + message.getValue().length + "}\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
            body.writeBytes(message.getValue());
        }
        var request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/internal/v1/accounts/" + account + "/deliveries"))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
                .header("Content-Type", "application/vnd.kuvert.delivery-batch")
                .header(KuvertHeaders.SERVICE_CREDENTIAL, serviceCredential)
                .build();
        return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
    }

    public static String account(String address, String password, long quotaBytes) {
        return "{\"address\":\"" + address + "\",\"password\":\"" + password + "\",\"displayName\":\"Test\",\"quotaBytes\":" + quotaBytes + "}";
    }
}
