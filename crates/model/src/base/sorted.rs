//! Small sorted collections on a `Vec`, and an insertion sort: the few map
//! and set operations reading the official files needs, without the code
//! size `BTreeMap` and the standard library's sorts add to the browser
//! build (each key type and order gets its own copy of them). Insertion
//! keeps them sorted at `O(n)` an entry, quick for the few hundred councils
//! of a table.

/// A set, iterated in order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Set<T>(Vec<T>);

impl<T> Default for Set<T> {
    fn default() -> Self {
        Set(Vec::new())
    }
}

impl<T: Ord> Set<T> {
    /// An empty set.
    pub fn new() -> Self {
        Set(Vec::new())
    }

    /// Adds `x`; false when it was there already.
    pub fn insert(&mut self, x: T) -> bool {
        match self.0.binary_search(&x) {
            Ok(_) => false,
            Err(at) => {
                self.0.insert(at, x);
                true
            }
        }
    }

    /// Whether `x` is in the set.
    pub fn contains(&self, x: &T) -> bool {
        self.0.binary_search(x).is_ok()
    }

    /// The smallest element.
    pub fn first(&self) -> Option<&T> {
        self.0.first()
    }

    /// The largest element.
    pub fn last(&self) -> Option<&T> {
        self.0.last()
    }

    /// Number of elements.
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the set is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The elements, smallest first.
    pub fn iter(&self) -> std::slice::Iter<'_, T> {
        self.0.iter()
    }
}

impl<T: Ord> FromIterator<T> for Set<T> {
    fn from_iter<I: IntoIterator<Item = T>>(iter: I) -> Self {
        let mut s = Set::new();
        for x in iter {
            s.insert(x);
        }
        s
    }
}

impl<T> IntoIterator for Set<T> {
    type Item = T;
    type IntoIter = std::vec::IntoIter<T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl<'a, T> IntoIterator for &'a Set<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

/// A map, iterated in key order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Map<K, V>(Vec<(K, V)>);

impl<K, V> Default for Map<K, V> {
    fn default() -> Self {
        Map(Vec::new())
    }
}

impl<K: Ord, V> Map<K, V> {
    /// An empty map.
    pub fn new() -> Self {
        Map(Vec::new())
    }

    fn find(&self, k: &K) -> Result<usize, usize> {
        self.0.binary_search_by(|(key, _)| key.cmp(k))
    }

    /// Sets the value of `k`, replacing (and returning) any value it had.
    pub fn insert(&mut self, k: K, v: V) -> Option<V> {
        match self.find(&k) {
            Ok(at) => Some(std::mem::replace(&mut self.0[at].1, v)),
            Err(at) => {
                self.0.insert(at, (k, v));
                None
            }
        }
    }

    /// The value of `k`.
    pub fn get(&self, k: &K) -> Option<&V> {
        self.find(k).ok().map(|at| &self.0[at].1)
    }

    /// The value of `k`, to change.
    pub fn get_mut(&mut self, k: &K) -> Option<&mut V> {
        self.find(k).ok().map(|at| &mut self.0[at].1)
    }

    /// The value of `k`, made with `make` if `k` has none yet.
    pub fn get_or_insert_with(&mut self, k: K, make: impl FnOnce() -> V) -> &mut V {
        let at = match self.find(&k) {
            Ok(at) => at,
            Err(at) => {
                self.0.insert(at, (k, make()));
                at
            }
        };
        &mut self.0[at].1
    }

    /// Whether the map is empty.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The values, in key order.
    pub fn into_values(self) -> impl Iterator<Item = V> {
        self.0.into_iter().map(|(_, v)| v)
    }
}

impl<K: Ord, V> FromIterator<(K, V)> for Map<K, V> {
    /// Later values of a key replace earlier ones, as in `BTreeMap`.
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut m = Map::new();
        for (k, v) in iter {
            m.insert(k, v);
        }
        m
    }
}

impl<K, V> IntoIterator for Map<K, V> {
    type Item = (K, V);
    type IntoIter = std::vec::IntoIter<(K, V)>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

/// Sorts by `less`, keeping equal elements in their order (stable).
pub fn sort_by<T>(v: &mut [T], mut less: impl FnMut(&T, &T) -> bool) {
    for i in 1..v.len() {
        let mut j = i;
        while j > 0 && less(&v[j], &v[j - 1]) {
            v.swap(j, j - 1);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sets_maps_and_sorting_agree_with_the_standard_library() {
        let data = [5u16, 3, 9, 3, 1, 9, 2, 8, 8, 0];
        let set: Set<u16> = data.iter().copied().collect();
        let std_set: std::collections::BTreeSet<u16> = data.iter().copied().collect();
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            std_set.iter().collect::<Vec<_>>()
        );
        assert_eq!(set.first(), std_set.first());
        assert_eq!(set.last(), std_set.last());
        assert!(set.contains(&8) && !set.contains(&4));
        assert_eq!(set.len(), 7);

        let map: Map<u16, usize> = data.iter().enumerate().map(|(i, &k)| (k, i)).collect();
        let std_map: std::collections::BTreeMap<u16, usize> =
            data.iter().enumerate().map(|(i, &k)| (k, i)).collect();
        assert_eq!(
            map.clone().into_iter().collect::<Vec<_>>(),
            std_map.into_iter().collect::<Vec<_>>()
        );
        assert_eq!(map.get(&9), Some(&5));
        assert_eq!(map.get(&4), None);

        let mut m: Map<&str, Vec<u8>> = Map::new();
        m.get_or_insert_with("b", Vec::new).push(1);
        m.get_or_insert_with("a", Vec::new).push(2);
        m.get_or_insert_with("b", Vec::new).push(3);
        if let Some(v) = m.get_mut(&"a") {
            v.push(4);
        }
        assert_eq!(m.insert("c", vec![5]), None);
        assert_eq!(m.insert("c", vec![6]), Some(vec![5]));
        assert_eq!(
            m.into_values().collect::<Vec<_>>(),
            [vec![2, 4], vec![1, 3], vec![6]]
        );

        let mut pairs: Vec<(u8, u8)> = data
            .iter()
            .enumerate()
            .map(|(i, &k)| ((k % 4) as u8, i as u8))
            .collect();
        let mut std_sorted = pairs.clone();
        std_sorted.sort_by_key(|p| p.0);
        sort_by(&mut pairs, |a, b| a.0 < b.0);
        assert_eq!(pairs, std_sorted, "stable, like sort_by");
    }
}
