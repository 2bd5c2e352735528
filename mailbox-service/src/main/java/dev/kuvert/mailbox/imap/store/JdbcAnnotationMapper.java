package dev.kuvert.mailbox.imap.store;

import java.util.List;
import java.util.Set;
import java.util.function.BiPredicate;
import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.store.mail.AnnotationMapper;
import org.springframework.jdbc.core.simple.JdbcClient;

/** RFC 5464 folder METADATA in {@code folder_annotations}; a folder has few, so depth matching happens in memory. */
class JdbcAnnotationMapper implements AnnotationMapper {
    private final JdbcClient jdbc;

    JdbcAnnotationMapper(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @Override
    public List<MailboxAnnotation> getAllAnnotations(MailboxId mailboxId) {
        return jdbc.sql("SELECT annotation_key, value FROM folder_annotations WHERE folder_id = ? ORDER BY annotation_key")
                .param(FolderId.of(mailboxId))
                .query((rs, n) -> MailboxAnnotation.newInstance(new MailboxAnnotationKey(rs.getString(1)), rs.getString(2)))
                .list();
    }

    @Override
    public List<MailboxAnnotation> getAnnotationsByKeys(MailboxId mailboxId, Set<MailboxAnnotationKey> keys) {
        return matching(mailboxId, keys, MailboxAnnotationKey::equals);
    }

    @Override
    public List<MailboxAnnotation> getAnnotationsByKeysWithOneDepth(MailboxId mailboxId, Set<MailboxAnnotationKey> keys) {
        return matching(mailboxId, keys, MailboxAnnotationKey::isParentOrIsEqual);
    }

    @Override
    public List<MailboxAnnotation> getAnnotationsByKeysWithAllDepth(MailboxId mailboxId, Set<MailboxAnnotationKey> keys) {
        return matching(mailboxId, keys, MailboxAnnotationKey::isAncestorOrIsEqual);
    }

    @Override
    public void deleteAnnotation(MailboxId mailboxId, MailboxAnnotationKey key) {
        jdbc.sql("DELETE FROM folder_annotations WHERE folder_id = ? AND annotation_key = ?").params(FolderId.of(mailboxId), key.asString()).update();
    }

    @Override
    public void insertAnnotation(MailboxId mailboxId, MailboxAnnotation annotation) {
        if (annotation.isNil()) {
            deleteAnnotation(mailboxId, annotation.getKey());
            return;
        }
        jdbc.sql("INSERT INTO folder_annotations (folder_id, annotation_key, value) VALUES (?, ?, ?) ON DUPLICATE KEY UPDATE value = VALUES(value)")
                .params(FolderId.of(mailboxId), annotation.getKey().asString(), annotation.getValue().orElseThrow())
                .update();
    }

    @Override
    public boolean exist(MailboxId mailboxId, MailboxAnnotation annotation) {
        return jdbc.sql("SELECT COUNT(*) FROM folder_annotations WHERE folder_id = ? AND annotation_key = ?")
                .params(FolderId.of(mailboxId), annotation.getKey().asString())
                .query(Long.class)
                .single() > 0;
    }

    @Override
    public int countAnnotations(MailboxId mailboxId) {
        return jdbc.sql("SELECT COUNT(*) FROM folder_annotations WHERE folder_id = ?").param(FolderId.of(mailboxId)).query(Long.class).single().intValue();
    }

    private List<MailboxAnnotation> matching(MailboxId mailboxId, Set<MailboxAnnotationKey> keys,
            BiPredicate<MailboxAnnotationKey, MailboxAnnotationKey> match) {
        return getAllAnnotations(mailboxId).stream()
                .filter(annotation -> keys.stream().anyMatch(key -> match.test(key, annotation.getKey())))
                .toList();
    }
}
