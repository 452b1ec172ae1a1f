/*
 * TxnProducer.java - test helper: writes transactional and plain records
 * with the Java producer of the Kafka jars, so that tests can check how
 * consumers treat committed and aborted transactions.
 *
 *   java -cp "$KAFKA_LIBS/*" tests/java/TxnProducer.java BOOTSTRAP TOPIC \
 *       PARTITION STEP...
 *
 * Each STEP is commit:v1,v2 (one transaction, committed), abort:v1,v2 (one
 * transaction, aborted) or plain:v1,v2 (non-transactional records), run in
 * order; each value is sent with key "k-" + value.
 */
import java.util.Properties;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

public class TxnProducer {
    public static void main(String[] args) throws Exception {
        String boot = args[0], topic = args[1];
        int partition = Integer.parseInt(args[2]);
        Properties p = new Properties();
        p.put("bootstrap.servers", boot);
        p.put("key.serializer", StringSerializer.class.getName());
        p.put("value.serializer", StringSerializer.class.getName());
        Properties t = (Properties) p.clone();
        t.put("transactional.id", "kt-txn-" + topic + "-" + partition);
        try (KafkaProducer<String, String> plain = new KafkaProducer<>(p);
             KafkaProducer<String, String> txn = new KafkaProducer<>(t)) {
            txn.initTransactions();
            for (int i = 3; i < args.length; i++) {
                String kind = args[i].substring(0, args[i].indexOf(':'));
                String[] vals = args[i].substring(kind.length() + 1).split(",");
                KafkaProducer<String, String> pr = kind.equals("plain") ? plain : txn;
                if (pr == txn)
                    txn.beginTransaction();
                for (String v : vals)
                    pr.send(new ProducerRecord<>(topic, partition, "k-" + v, v));
                pr.flush();
                if (kind.equals("commit"))
                    txn.commitTransaction();
                else if (kind.equals("abort"))
                    txn.abortTransaction();
            }
        }
    }
}
