package dev.kuvert.mailbox.imap.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.apache.james.core.Username;
import org.apache.james.mailbox.model.Mailbox;
import org.apache.james.mailbox.model.MailboxAnnotation;
import org.apache.james.mailbox.model.MailboxAnnotationKey;
import org.apache.james.mailbox.model.MailboxId;
import org.apache.james.mailbox.model.MailboxPath;
import org.apache.james.mailbox.model.UidValidity;
import org.apache.james.mailbox.store.MailboxSessionMapperFactory;
import org.apache.james.mailbox.store.mail.AnnotationMapper;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What every {@link AnnotationMapper} must do (RFC 5464 METADATA on a mailbox). */
abstract class AnnotationMapperContract {
    static final MailboxAnnotationKey COMMENT = new MailboxAnnotationKey("/private/comment");
    static final MailboxAnnotationKey CHILD = new MailboxAnnotationKey("/private/comment/child");
    static final MailboxAnnotationKey GRANDCHILD = new MailboxAnnotationKey("/private/comment/child/grandchild");
    static final MailboxAnnotationKey SIBLING = new MailboxAnnotationKey("/private/commentary");
    static final MailboxAnnotationKey SHARED = new MailboxAnnotationKey("/shared/vendor/kuvert/colour");

    abstract MailboxSessionMapperFactory factory();

    abstract Username user();

    MailboxId mailbox;
    MailboxId other;

    @BeforeEach
    void mailboxes() {
        mailbox = create("Annotated");
        other = create("Annotated-Other");
    }

    MailboxId create(String name) {
        Mailbox created = factory().createMailboxMapper(null).create(MailboxPath.forUser(user(), name), UidValidity.of(80)).block();
        return created.getMailboxId();
    }

    AnnotationMapper mapper() {
        return factory().createAnnotationMapper(null);
    }

    void insertAll(MailboxAnnotationKey... keys) {
        for (MailboxAnnotationKey key : keys) {
            mapper().insertAnnotation(mailbox, MailboxAnnotation.newInstance(key, "value of " + key.asString()));
        }
    }

    static List<MailboxAnnotationKey> keys(List<MailboxAnnotation> annotations) {
        return annotations.stream().map(MailboxAnnotation::getKey).toList();
    }

    @Test
    void insertedAnnotationsShouldBeReadBackWithTheirValues() {
        insertAll(COMMENT, SHARED);
        assertThat(mapper().getAllAnnotations(mailbox)).containsExactlyInAnyOrder(
                MailboxAnnotation.newInstance(COMMENT, "value of /private/comment"),
                MailboxAnnotation.newInstance(SHARED, "value of /shared/vendor/kuvert/colour"));
        assertThat(mapper().countAnnotations(mailbox)).isEqualTo(2);
    }

    @Test
    void annotationsShouldBelongToTheirMailbox() {
        insertAll(COMMENT);
        assertThat(mapper().getAllAnnotations(other)).isEmpty();
        assertThat(mapper().countAnnotations(other)).isZero();
    }

    @Test
    void insertShouldReplaceTheValueOfAnExistingKey() {
        mapper().insertAnnotation(mailbox, MailboxAnnotation.newInstance(COMMENT, "first"));
        mapper().insertAnnotation(mailbox, MailboxAnnotation.newInstance(COMMENT, "second"));
        assertThat(mapper().getAllAnnotations(mailbox)).containsExactly(MailboxAnnotation.newInstance(COMMENT, "second"));
    }

    @Test
    void deleteAnnotationShouldRemoveOnlyThatKey() {
        insertAll(COMMENT, CHILD);
        mapper().deleteAnnotation(mailbox, COMMENT);
        assertThat(keys(mapper().getAllAnnotations(mailbox))).containsExactly(CHILD);
    }

    @Test
    void deleteOfAnUnknownKeyShouldChangeNothing() {
        insertAll(COMMENT);
        mapper().deleteAnnotation(mailbox, SHARED);
        assertThat(keys(mapper().getAllAnnotations(mailbox))).containsExactly(COMMENT);
    }

    @Test
    void existShouldLookAtTheKeyOnly() {
        insertAll(COMMENT);
        assertThat(mapper().exist(mailbox, MailboxAnnotation.newInstance(COMMENT, "any other value"))).isTrue();
        assertThat(mapper().exist(mailbox, MailboxAnnotation.newInstance(SHARED, "x"))).isFalse();
        assertThat(mapper().exist(other, MailboxAnnotation.newInstance(COMMENT, "x"))).isFalse();
    }

    @Test
    void getAnnotationsByKeysShouldMatchExactKeysOnly() {
        insertAll(COMMENT, CHILD, SIBLING, SHARED);
        assertThat(keys(mapper().getAnnotationsByKeys(mailbox, Set.of(COMMENT, SHARED)))).containsExactlyInAnyOrder(COMMENT, SHARED);
    }

    @Test
    void getAnnotationsByKeysWithOneDepthShouldAddDirectChildrenButNotGrandchildrenOrSiblings() {
        insertAll(COMMENT, CHILD, GRANDCHILD, SIBLING);
        assertThat(keys(mapper().getAnnotationsByKeysWithOneDepth(mailbox, Set.of(COMMENT)))).containsExactlyInAnyOrder(COMMENT, CHILD);
    }

    @Test
    void getAnnotationsByKeysWithAllDepthShouldAddEveryDescendantButNotSiblings() {
        insertAll(COMMENT, CHILD, GRANDCHILD, SIBLING, SHARED);
        assertThat(keys(mapper().getAnnotationsByKeysWithAllDepth(mailbox, Set.of(COMMENT))))
                .containsExactlyInAnyOrder(COMMENT, CHILD, GRANDCHILD);
    }

    @Test
    void depthQueriesShouldFindChildrenEvenWhenTheParentHasNoValue() {
        insertAll(CHILD, GRANDCHILD);
        assertThat(keys(mapper().getAnnotationsByKeysWithOneDepth(mailbox, Set.of(COMMENT)))).containsExactly(CHILD);
        assertThat(keys(mapper().getAnnotationsByKeysWithAllDepth(mailbox, Set.of(COMMENT)))).containsExactlyInAnyOrder(CHILD, GRANDCHILD);
    }
}
