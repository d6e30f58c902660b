#!/usr/bin/env python3
"""Checks docker/ and docker/k8s/ (no cluster and no Docker engine here, and no schema validator installs: a YAML
parse plus the rules below). docker-compose.yml names every service of the deployment (api with 2 replicas and jobs
off, a worker with jobs on, postgres, redis, nats, an S3 server, nginx, prometheus, grafana); nginx.conf balances
the api and upgrades /hubs to WebSockets; prometheus.yml scrapes /metrics. Every Kubernetes Deployment has /ready
and /health probes, CPU and memory requests and limits, runs as non-root with a read-only root filesystem and an
emptyDir at /tmp, takes secrets only from Secret references (none committed); the Service, Ingress, HPA and PDB
point at what exists; a worker Deployment runs the jobs. Where kubectl, nginx or promtool is installed, also
`kubectl kustomize`, `nginx -t` and `promtool check config`. Prints each failure and exits 1 if any."""
import glob
import os
import re
import shutil
import subprocess
import sys
import tempfile

import yaml

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DOCKER = os.path.join(ROOT, "docker")
K8S = os.path.join(DOCKER, "k8s")
failures = []
SECRET_NAME = re.compile(r"(password|secret|signingkey|encryptionkey|accesskey|connectionstrings)", re.I)


def check(condition, message):
    if not condition:
        failures.append(message)
    return condition


def load_all(path):
    with open(path, encoding="utf-8") as f:
        return [d for d in yaml.safe_load_all(f) if d is not None]


def env_of(service):
    env = service.get("environment") or {}
    if isinstance(env, list):
        env = dict(e.split("=", 1) if "=" in e else (e, "") for e in env)
    return env


def check_compose():
    compose = load_all(os.path.join(DOCKER, "docker-compose.yml"))[0]
    services = compose.get("services", {})
    for name in ("api", "worker", "postgres", "redis", "nats", "nginx", "prometheus", "grafana"):
        check(name in services, f"docker-compose.yml: no service {name}")
    check(any(n in services for n in ("minio", "s3rver", "s3")), "docker-compose.yml: no S3 server (minio or s3rver)")
    api, worker = services.get("api", {}), services.get("worker", {})
    check((api.get("deploy") or {}).get("replicas") == 2, "docker-compose.yml: api does not run 2 replicas")
    check(str(env_of(api).get("Jobs__WorkerEnabled")).lower() == "false", "docker-compose.yml: api runs jobs (Jobs__WorkerEnabled)")
    check(str(env_of(worker).get("Jobs__WorkerEnabled")).lower() == "true", "docker-compose.yml: worker does not run jobs")
    check(api.get("image") == worker.get("image") and api.get("build") == worker.get("build"),
          "docker-compose.yml: api and worker are not the same image")
    check(not api.get("ports"), "docker-compose.yml: api publishes ports (replicas are reached through nginx)")
    for name in ("api", "worker"):
        env = env_of(services.get(name, {}))
        for key in ("ConnectionStrings__Veza", "Jwt__SigningKey", "Mfa__EncryptionKey", "Redis__Configuration", "Nats__Url"):
            check(key in env, f"docker-compose.yml: {name} lacks {key}")
    mounts = " ".join(str(v) for v in services.get("nginx", {}).get("volumes", []))
    check("nginx.conf" in mounts, "docker-compose.yml: nginx does not mount docker/nginx.conf")
    mounts = " ".join(str(v) for v in services.get("prometheus", {}).get("volumes", []))
    check("prometheus.yml" in mounts, "docker-compose.yml: prometheus does not mount docker/prometheus.yml")

    with open(os.path.join(DOCKER, "nginx.conf"), encoding="utf-8") as f:
        nginx = f.read()
    check(re.search(r"upstream\s+\w+\s*\{[^}]*server\s+api:8080", nginx), "nginx.conf: no upstream on api:8080")
    hubs = re.search(r"location\s+/hubs/?\s*\{([^}]*)\}", nginx)
    server = re.sub(r"^\s*location\s[^{]*\{[^}]*\}", "", nginx, flags=re.M)
    headers = lambda block: re.findall(r"proxy_set_header\s+(\S+)\s+([^;]+);", block)
    check(hubs and all(any(h == name and value in v for h, v in headers(hubs.group(1) if headers(hubs.group(1)) else server))
                       for name, value in (("Upgrade", "$http_upgrade"), ("Connection", "$connection_upgrade"))),
          "nginx.conf: /hubs does not upgrade to WebSockets")
    # nginx inherits proxy_set_header only into a location that sets none of its own: one that does loses the
    # forwarded client address, and the API then sees the balancer as every client.
    inherited = {h for h, _ in headers(server)}
    for location in re.finditer(r"^\s*location\s+([^{]*)\{([^}]*)\}", nginx, flags=re.M):
        own = {h for h, _ in headers(location.group(2))}
        check(not own or inherited <= own,
              f"nginx.conf: location {location.group(1).strip()} sets proxy_set_header {sorted(own)} and so drops {sorted(inherited - own)}")

    prometheus = load_all(os.path.join(DOCKER, "prometheus.yml"))[0]
    jobs = prometheus.get("scrape_configs", [])
    check(any(j.get("metrics_path", "/metrics") == "/metrics" and "api" in yaml.safe_dump(j) for j in jobs),
          "prometheus.yml: nothing scrapes the api's /metrics")


def containers_of(deployment):
    return deployment["spec"]["template"]["spec"].get("containers", [])


def check_deployment(d):
    name = d["metadata"]["name"]
    pod = d["spec"]["template"]["spec"]
    pod_sc = pod.get("securityContext") or {}
    volumes = {v["name"]: v for v in pod.get("volumes", [])}
    check(d["spec"]["selector"]["matchLabels"].items() <= d["spec"]["template"]["metadata"]["labels"].items(),
          f"{name}: the selector does not match the pod labels")
    for c in containers_of(d):
        where = f"{name}/{c['name']}"
        sc = c.get("securityContext") or {}
        ready = (c.get("readinessProbe") or {}).get("httpGet") or {}
        live = (c.get("livenessProbe") or {}).get("httpGet") or {}
        check(ready.get("path") == "/ready", f"{where}: readinessProbe is not GET /ready")
        check(live.get("path") == "/health", f"{where}: livenessProbe is not GET /health")
        res = c.get("resources") or {}
        for kind in ("requests", "limits"):
            for r in ("cpu", "memory"):
                check(r in (res.get(kind) or {}), f"{where}: no resources.{kind}.{r}")
        check(sc.get("runAsNonRoot", pod_sc.get("runAsNonRoot")) is True, f"{where}: runAsNonRoot is not true")
        uid = sc.get("runAsUser", pod_sc.get("runAsUser"))
        check(isinstance(uid, int) and uid > 0, f"{where}: no numeric non-root runAsUser")
        check(sc.get("readOnlyRootFilesystem") is True, f"{where}: readOnlyRootFilesystem is not true")
        check(sc.get("allowPrivilegeEscalation") is False, f"{where}: allowPrivilegeEscalation is not false")
        tmp = [m for m in c.get("volumeMounts", []) if m.get("mountPath") == "/tmp"]
        check(tmp and "emptyDir" in volumes.get(tmp[0]["name"], {}), f"{where}: /tmp is not an emptyDir")
        for e in c.get("env", []):
            if SECRET_NAME.search(e["name"]):
                check("value" not in e, f"{where}: {e['name']} has a literal value (use a secretKeyRef)")


def check_k8s():
    docs, files = [], sorted(glob.glob(os.path.join(K8S, "*.yaml")))
    for path in files:
        try:
            for d in load_all(path):
                d["__file"] = os.path.basename(path)
                docs.append(d)
        except yaml.YAMLError as e:
            check(False, f"{os.path.basename(path)}: does not parse: {e}")
    objects = [d for d in docs if d.get("kind") != "Kustomization"]
    for d in objects:
        check(d.get("apiVersion") and d.get("kind") and (d.get("metadata") or {}).get("name"),
              f"{d['__file']}: an object without apiVersion, kind or metadata.name")
    by_kind = {}
    for d in objects:
        by_kind.setdefault(d.get("kind"), []).append(d)
    kustomization = [d for d in docs if d.get("kind") == "Kustomization"]
    if check(kustomization, "docker/k8s: no kustomization.yaml"):
        listed = set(kustomization[0].get("resources", []))
        present = {os.path.basename(p) for p in files} - {"kustomization.yaml"}
        check(listed == present, f"kustomization.yaml: resources {sorted(listed)} differ from the files {sorted(present)}")
    check(not by_kind.get("Secret"), "docker/k8s: a Secret is committed (reference it, create it out of band)")
    for kind in ("Deployment", "Service", "Ingress", "HorizontalPodAutoscaler", "PodDisruptionBudget", "ConfigMap"):
        check(by_kind.get(kind), f"docker/k8s: no {kind}")

    deployments = {d["metadata"]["name"]: d for d in by_kind.get("Deployment", [])}
    configmaps = {d["metadata"]["name"]: d for d in by_kind.get("ConfigMap", [])}
    for cm in configmaps.values():
        for key in (cm.get("data") or {}):
            check(not SECRET_NAME.search(key), f"ConfigMap {cm['metadata']['name']}: {key} is a secret (put it in the Secret)")
    jobs_on = {}
    for name, d in deployments.items():
        check_deployment(d)
        refs = [r for c in containers_of(d) for r in c.get("envFrom", [])]
        check(any("secretRef" in r for r in refs), f"{name}: takes no Secret reference")
        for r in refs:
            if "configMapRef" in r:
                check(r["configMapRef"]["name"] in configmaps, f"{name}: ConfigMap {r['configMapRef']['name']} is not defined")
        env = {e["name"]: e.get("value") for c in containers_of(d) for e in c.get("env", [])}
        jobs_on[name] = env.get("Jobs__WorkerEnabled")
    check("true" in jobs_on.values(), "docker/k8s: no worker Deployment (Jobs__WorkerEnabled \"true\")")
    check("false" in jobs_on.values(), "docker/k8s: no API Deployment with jobs off")

    def pods_matching(selector):
        return [n for n, d in deployments.items() if selector.items() <= d["spec"]["template"]["metadata"]["labels"].items()]

    services = {s["metadata"]["name"]: s for s in by_kind.get("Service", [])}
    for s in services.values():
        targets = pods_matching(s["spec"].get("selector") or {})
        check(targets, f"Service {s['metadata']['name']}: selects no Deployment's pods")
        for p in s["spec"]["ports"]:
            names = {cp.get("name") for t in targets for c in containers_of(deployments[t]) for cp in c.get("ports", [])}
            ports = {cp.get("containerPort") for t in targets for c in containers_of(deployments[t]) for cp in c.get("ports", [])}
            check(p.get("targetPort") in names | ports, f"Service {s['metadata']['name']}: targetPort {p.get('targetPort')} is no container port")
    for ing in by_kind.get("Ingress", []):
        for rule in ing["spec"].get("rules", []):
            for path in rule["http"]["paths"]:
                backend = path["backend"]["service"]
                svc = services.get(backend["name"])
                if check(svc, f"Ingress {ing['metadata']['name']}: Service {backend['name']} is not defined"):
                    port = backend["port"].get("name") or backend["port"].get("number")
                    check(any(port in (p.get("name"), p.get("port")) for p in svc["spec"]["ports"]),
                          f"Ingress {ing['metadata']['name']}: Service {backend['name']} has no port {port}")
    for hpa in by_kind.get("HorizontalPodAutoscaler", []):
        spec, name = hpa["spec"], hpa["metadata"]["name"]
        target = spec["scaleTargetRef"]
        check(target.get("kind") == "Deployment" and target.get("name") in deployments,
              f"HPA {name}: scales {target.get('kind')} {target.get('name')}, no Deployment here")
        check(1 <= spec.get("minReplicas", 1) <= spec.get("maxReplicas", 0), f"HPA {name}: minReplicas/maxReplicas out of order")
        check(spec.get("metrics"), f"HPA {name}: no metrics")
        for m in spec.get("metrics", []):
            r = m.get("resource") or {}
            check(not r or any(c.get("resources", {}).get("requests", {}).get(r["name"])
                               for c in containers_of(deployments.get(target.get("name"), {"spec": {"template": {"spec": {}}}}))),
                  f"HPA {name}: {r.get('name')} utilisation without a {r.get('name')} request")
    api_hpa = [h for h in by_kind.get("HorizontalPodAutoscaler", []) if jobs_on.get(h["spec"]["scaleTargetRef"]["name"]) == "false"]
    check(api_hpa and api_hpa[0]["spec"].get("minReplicas", 1) >= 2, "HPA: the API does not keep at least 2 replicas")
    for pdb in by_kind.get("PodDisruptionBudget", []):
        spec, name = pdb["spec"], pdb["metadata"]["name"]
        check(("minAvailable" in spec) != ("maxUnavailable" in spec), f"PDB {name}: set exactly one of minAvailable, maxUnavailable")
        check(pods_matching(spec["selector"].get("matchLabels") or {}), f"PDB {name}: selects no Deployment's pods")
    protected = {n for p in by_kind.get("PodDisruptionBudget", []) for n in pods_matching(p["spec"]["selector"].get("matchLabels") or {})}
    check(any(jobs_on.get(n) == "false" for n in protected), "PDB: none covers the API")


def check_with_tools():
    if shutil.which("kubectl"):
        r = subprocess.run(["kubectl", "kustomize", K8S], capture_output=True, text=True)
        check(r.returncode == 0, f"kubectl kustomize docker/k8s: {r.stderr.strip()}")
    if shutil.which("promtool"):
        r = subprocess.run(["promtool", "check", "config", "--syntax-only", os.path.join(DOCKER, "prometheus.yml")], capture_output=True, text=True)
        check(r.returncode == 0, f"promtool check config: {r.stdout.strip()} {r.stderr.strip()}")
    if shutil.which("nginx"):
        with tempfile.TemporaryDirectory() as tmp:
            with open(os.path.join(DOCKER, "nginx.conf"), encoding="utf-8") as f:
                conf = f.read()
            # Compose's names and Docker's DNS do not exist here: the same file on loopback, logs in the temp folder.
            conf = (conf.replace("server api:8080", "server 127.0.0.1:8080").replace("127.0.0.11", "127.0.0.1")
                    .replace("/dev/stdout", f"{tmp}/access.log").replace("/dev/stderr", f"{tmp}/error.log"))
            with open(os.path.join(tmp, "nginx.conf"), "w", encoding="utf-8") as f:
                f.write(conf)
            r = subprocess.run(["nginx", "-t", "-q", "-p", tmp, "-c", os.path.join(tmp, "nginx.conf"), "-g", f"pid {tmp}/nginx.pid;"],
                               capture_output=True, text=True)
            check(r.returncode == 0, f"nginx -t docker/nginx.conf: {r.stderr.strip()}")


for step in (check_compose, check_k8s, check_with_tools):
    try:
        step()
    except Exception as e:  # a missing key in a manifest is a failure to report, not a crash
        failures.append(f"{step.__name__}: {type(e).__name__}: {e}")
for f in failures:
    print(f"FAIL deploy-manifests: {f}", file=sys.stderr)
if failures:
    sys.exit(1)
print("ok deploy-manifests: docker-compose.yml, nginx.conf, prometheus.yml and docker/k8s hold what a deployment needs")
