package dev.preflight.collect;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import dev.preflight.collect.KubernetesManifests.Container;
import dev.preflight.collect.KubernetesManifests.Workload;

class KubernetesManifestsTest {

    @Test
    void findsThePodTemplateOfEachKindAcrossDocumentsAndLists() throws Exception {
        List<Workload> workloads = KubernetesManifests.parse("""
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: settings}
                ---
                apiVersion: v1
                kind: List
                items:
                  - apiVersion: apps/v1
                    kind: StatefulSet
                    metadata: {name: db}
                    spec:
                      replicas: 2
                      template:
                        spec:
                          containers: [{name: postgres, image: "postgres:16"}]
                ---
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: backup}
                spec:
                  jobTemplate:
                    spec:
                      template:
                        spec:
                          initContainers: [{name: wait, image: "busybox:1.36"}]
                          containers: [{name: dump, image: "postgres:16"}]
                """).workloads();

        assertThat(workloads).extracting(Workload::describe).containsExactly("StatefulSet/db", "CronJob/backup");
        assertThat(workloads.get(0).line()).isEqualTo(9);
        assertThat(workloads.get(0).replicas().orElseThrow().value()).isEqualTo("2");
        assertThat(workloads.get(1).containers()).extracting(Container::name, Container::init).containsExactly(
                org.assertj.core.groups.Tuple.tuple("wait", true), org.assertj.core.groups.Tuple.tuple("dump", false));
        assertThat(workloads.get(1).containers().get(1).image()).contains("postgres:16");
    }

    @Test
    void readsProbesResourcesAndSecurityContext() throws Exception {
        Container c = KubernetesManifests.parse("""
                apiVersion: v1
                kind: Pod
                metadata: {name: web}
                spec:
                  containers:
                    - name: web
                      image: web:1
                      resources: {limits: {memory: 128Mi}}
                      readinessProbe: {httpGet: {path: /ready, port: 80}}
                      securityContext: {readOnlyRootFilesystem: true}
                """).workloads().getFirst().containers().getFirst();

        assertThat(c.resources("limits").flatMap(l -> l.text("memory"))).contains("128Mi");
        assertThat(c.probe("readiness")).isPresent();
        assertThat(c.probe("liveness")).isEmpty();
        assertThat(c.securityContext().flatMap(s -> s.text("readOnlyRootFilesystem"))).contains("true");
    }

    @Test
    void leavesHelmTemplatesAndComposeFilesAlone() {
        assertThat(KubernetesManifests.looksLikeManifest("chart/templates/deploy.yaml",
                "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: {{ .Release.Name }}\n")).isFalse();
        assertThat(KubernetesManifests.looksLikeManifest("k8s/deploy.yml", "apiVersion: apps/v1\nkind: Deployment\n")).isTrue();
        assertThat(KubernetesManifests.looksLikeManifest(".github/workflows/ci.yml", "on: push\njobs: {}\n")).isFalse();
    }
}
